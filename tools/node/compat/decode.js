'use strict';
// Usage: node decode.js <fully.qualified.Type> < message.bin
// Decodes stdin with Fabric's official classes and prints toObject() as JSON (bytes as base64, maps as
// [key, value] pairs, repeated fields as <name>List, 64-bit integers as JS numbers).
const { resolveType, readStdin, bytesAsBase64 } = require('./registry');

function main() {
  const typeName = process.argv[2];
  if (!typeName) {
    process.stderr.write('usage: node decode.js <fully.qualified.Type> < message.bin\n');
    return 2;
  }
  let Type;
  try {
    Type = resolveType(typeName);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  const bytes = readStdin();
  let message;
  try {
    message = Type.deserializeBinary(new Uint8Array(bytes));
  } catch (e) {
    process.stderr.write(`cannot decode ${bytes.length} bytes as ${typeName}: ${e.message}\n`);
    return 1;
  }
  process.stdout.write(JSON.stringify(bytesAsBase64(message.toObject()), null, 2) + '\n');
  return 0;
}

process.exitCode = main();
