// Times SPARQL queries in Oxigraph over one Turtle file. Prints JSON:
// {load_ms, queries: {file: {ms, rows}}} with the best of three runs.
// Usage: node oxibench.js DATA.ttl BASE Q1.rq Q2.rq ...
const fs = require('fs');
const ox = require('oxigraph');
const [data, base, ...queries] = process.argv.slice(2);
const store = new ox.Store();
let t0 = process.hrtime.bigint();
store.load(fs.readFileSync(data, 'utf8'), { format: 'text/turtle', base_iri: base, no_transaction: true });
const out = { load_ms: Number(process.hrtime.bigint() - t0) / 1e6, queries: {} };
for (const q of queries) {
  const text = fs.readFileSync(q, 'utf8');
  let best = Infinity, rows = 0;
  for (let i = 0; i < 3; i++) {
    t0 = process.hrtime.bigint();
    const r = store.query(text);
    rows = typeof r === 'boolean' ? 1 : r.length;
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  out.queries[q] = { ms: best, rows };
}
process.stdout.write(JSON.stringify(out));
