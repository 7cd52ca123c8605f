// Converts a JSON-LD file to N-Quads with jsonld.js, the reference
// implementation, and prints them. Remote contexts are refused so that the
// check never depends on the network.
// Usage: node jsonld2nq.js <file>
'use strict';
const fs = require('fs');
const jsonld = require('jsonld');

const file = process.argv[2];
const documentLoader = (url) => {
  throw new Error('remote context not allowed in tests: ' + url);
};

(async () => {
  try {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    const nq = await jsonld.toRDF(doc, {
      format: 'application/n-quads',
      documentLoader,
      safe: true,
    });
    process.stdout.write(nq);
  } catch (err) {
    console.error(err && err.message ? err.message : String(err));
    if (err && err.details) {
      console.error(JSON.stringify(err.details));
    }
    process.exit(1);
  }
})();
