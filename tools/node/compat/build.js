'use strict';
// Usage: node build.js [fixture.json]
// Prints {"signedProposal","envelope","block"} as base64, built from the fixture with Fabric's official classes.
const fs = require('fs');
const path = require('path');
const { build } = require('./fabric-messages');

const fixturePath = process.argv[2] || path.join(__dirname, 'compat-fixture.json');
const fixture = JSON.parse(fs.readFileSync(fixturePath, 'utf8'));
const messages = build(fixture);
const out = {};
for (const [name, bytes] of Object.entries(messages)) out[name] = Buffer.from(bytes).toString('base64');
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
