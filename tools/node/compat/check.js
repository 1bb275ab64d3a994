'use strict';
// Usage: node check.js [fixture.json] < {"signedProposal": b64, "envelope": b64, "block": b64}
// Decodes messages another implementation built from the fixture, with Fabric's official classes, and
// compares every field at every nesting level with the same messages built by the official classes.
// Exits 1 listing each mismatching field path; 0 with "ok" when all given messages match.
const fs = require('fs');
const path = require('path');
const { build, decoders, diff } = require('./fabric-messages');
const { readStdin } = require('./registry');

function main() {
  const fixturePath = process.argv[2] || path.join(__dirname, 'compat-fixture.json');
  const fixture = JSON.parse(fs.readFileSync(fixturePath, 'utf8'));
  const given = JSON.parse(readStdin().toString('utf8'));
  const expected = build(fixture);
  const mismatches = [];
  let checked = 0;
  for (const [name, b64] of Object.entries(given)) {
    const decodeTree = decoders[name];
    if (!decodeTree) {
      mismatches.push(`${name}: unknown message (expected one of ${Object.keys(decoders).join(', ')})`);
      continue;
    }
    let actual;
    try {
      actual = decodeTree(new Uint8Array(Buffer.from(b64, 'base64')));
    } catch (e) {
      mismatches.push(`${name}: cannot decode: ${e.message}`);
      continue;
    }
    diff(decodeTree(expected[name]), actual, name, mismatches);
    checked += 1;
  }
  if (mismatches.length > 0) {
    process.stderr.write(`${mismatches.join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`ok: ${checked} message(s) match\n`);
  return 0;
}

process.exitCode = main();
