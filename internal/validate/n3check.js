// Parses a file with N3.js in strict mode for one format and prints the
// number of statements; any syntax error exits 1 with N3.js's message.
// Usage: node n3check.js <media type> <file>
'use strict';
const fs = require('fs');
const N3 = require('n3');

const [format, file] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');
const parser = new N3.Parser({ format });
let count = 0;
parser.parse(text, (err, quad) => {
  if (err) {
    console.error(err.message);
    process.exit(1);
  }
  if (quad) {
    count++;
  } else {
    console.log(count);
  }
});
