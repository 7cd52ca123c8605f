// Runs SPARQL queries with Oxigraph over one Turtle file and prints the
// answers as JSON: {file: {ok, format, text} | {ok: false, error}}.
// SELECT and ASK come back as SPARQL JSON results, CONSTRUCT and DESCRIBE
// as N-Triples. Usage: node oxigraph.js DATA.ttl BASE Q1.rq Q2.rq ...
const fs = require('fs');
const ox = require('oxigraph');
const [data, base, ...queries] = process.argv.slice(2);
const store = new ox.Store();
store.load(fs.readFileSync(data, 'utf8'), { format: 'text/turtle', base_iri: base });
const out = {};
for (const q of queries) {
  const text = fs.readFileSync(q, 'utf8');
  try {
    out[q] = { ok: true, format: 'json', text: store.query(text, { results_format: 'application/sparql-results+json' }) };
  } catch (e) {
    try {
      out[q] = { ok: true, format: 'nt', text: store.query(text, { results_format: 'application/n-triples' }) };
    } catch (e2) {
      out[q] = { ok: false, error: String(e) + ' / ' + String(e2) };
    }
  }
}
process.stdout.write(JSON.stringify(out));
