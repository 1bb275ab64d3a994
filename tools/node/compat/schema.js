'use strict';
// Usage: node schema.js
// Prints, as JSON, the wire schema that Fabric's official JavaScript bindings were generated from:
// every message's fields (number, name, wire kind, referenced type, repeated/map), oneof groups,
// every enum's values and every gRPC method path. The C# tests compare Fabricish's compiled
// descriptors against this, so a wrong field number or type in Protos/ fails a test.
const fs = require('fs');
const path = require('path');
require('./registry');

const libDir = path.join(path.dirname(require.resolve('@hyperledger/fabric-protos/package.json')), 'lib');

// Classes are registered under globalThis.proto; walk it to name every class and enum.
const classNames = new Map();
const enums = {};
function walk(node, prefix, depth) {
  if (depth > 8) return;
  for (const key of Object.keys(node)) {
    const value = node[key];
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'function' && typeof value.deserializeBinary === 'function') {
      // goog.object.extend also copies each file's classes onto the top level; only packaged names count.
      if (depth === 0) continue;
      classNames.set(value, full);
      walk(value, full, depth + 1);
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (depth > 0 && entries.length > 0 && entries.every(([k, v]) => typeof v === 'number' && /^[A-Z0-9_]+$/.test(k))) {
        // Oneof case enums (FooCase) are JS artefacts, not proto enums.
        if (!key.endsWith('Case')) enums[full] = value;
      } else if (/^[a-z]/.test(key)) {
        // Lower-case keys are proto packages (common, google.protobuf, ...).
        walk(value, full, depth + 1);
      }
    }
  }
}
walk(globalThis.proto, '', 0);

const allNames = [...classNames.values()];
function resolveReference(text) {
  // text is e.g. "proto.orderer.SeekPosition" or "common_common_pb.Envelope" (a module alias).
  if (text.startsWith('proto.')) return text.slice('proto.'.length);
  const dot = text.indexOf('.');
  const simple = text.slice(dot + 1);
  const candidates = allNames.filter((n) => n === simple || n.endsWith(`.${simple}`));
  if (candidates.length === 1) return candidates[0];
  const aliasPackages = { common: 'common', msp: 'msp', orderer: 'orderer', peer: 'protos', gateway: 'gateway',
    ledger_rwset_kvrwset: 'kvrwset', ledger_rwset: 'rwset', ledger_queryresult: 'queryresult', google_protobuf: 'google.protobuf',
    gossip: 'gossip', discovery: 'discovery' };
  const alias = text.slice(0, dot);
  for (const [prefix, pkg] of Object.entries(aliasPackages)) {
    if (alias.startsWith(`${prefix}_`) && candidates.includes(`${pkg}.${simple}`)) return `${pkg}.${simple}`;
  }
  return text;
}

const readerKinds = {
  readString: 'string', readBytes: 'bytes', readBool: 'bool', readEnum: 'enum', readMessage: 'message',
  readUint64: 'uint64', readInt64: 'int64', readUint32: 'uint32', readInt32: 'int32', readSint32: 'sint32',
  readSint64: 'sint64', readFixed32: 'fixed32', readFixed64: 'fixed64', readSfixed32: 'sfixed32',
  readSfixed64: 'sfixed64', readDouble: 'double', readFloat: 'float', readUint64String: 'uint64',
  readInt64String: 'int64',
};
function kindOf(reader) {
  const base = reader.replace(/^readPacked/, 'read');
  const kind = readerKinds[base];
  if (!kind) throw new Error(`unknown reader ${reader}`);
  return kind;
}

function describeMessage(Type) {
  const source = Type.deserializeBinaryFromReader.toString();
  const fields = [];
  const caseRe = /case (\d+):([\s\S]*?)break;/g;
  let m;
  while ((m = caseRe.exec(source)) !== null) {
    const number = Number(m[1]);
    const body = m[2];
    const field = { number };
    const mapMatch = /jspb\.Map\.deserializeBinary\(message, reader, jspb\.BinaryReader\.prototype\.(\w+), jspb\.BinaryReader\.prototype\.(\w+), ([\w.]+?)(?:\.deserializeBinaryFromReader)?,/.exec(body);
    const getMap = /msg\.get(\w+)Map\(\)/.exec(body);
    if (mapMatch && getMap) {
      field.name = getMap[1];
      field.kind = 'map';
      field.key = kindOf(mapMatch[1]);
      field.value = kindOf(mapMatch[2]);
      if (field.value === 'message') field.type = resolveReference(mapMatch[3]);
      fields.push(field);
      continue;
    }
    const setter = /msg\.(set|add)([\w$]+)\(/.exec(body);
    if (!setter) throw new Error(`cannot read case ${number} of ${classNames.get(Type)}`);
    // Names that clash with JS builtins get a '$' suffix (setExtension$).
    field.name = setter[2].replace(/\$$/, '');
    field.repeated = setter[1] === 'add';
    const newMatch = /var value = new ([\w.]+);/.exec(body);
    if (newMatch) {
      field.kind = 'message';
      field.type = resolveReference(newMatch[1]);
    } else {
      const readMatch = /reader\.(read\w+)\(\)/.exec(body);
      if (!readMatch) throw new Error(`cannot read kind of case ${number} of ${classNames.get(Type)}`);
      field.kind = kindOf(readMatch[1]);
      if (field.kind === 'enum') {
        const typeMatch = /@type \{!?(?:Array<)?!?proto\.([\w.]+)>?\}/.exec(body);
        field.type = typeMatch ? typeMatch[1] : undefined;
      }
    }
    fields.push(field);
  }
  const oneofs = Type.oneofGroups_ ? Type.oneofGroups_.map((g) => [...g]) : [];
  return { fields, oneofs };
}

const messages = {};
for (const [Type, name] of classNames) messages[name] = describeMessage(Type);

const services = {};
function loadServices(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      loadServices(full);
    } else if (entry.name.endsWith('_grpc_pb.js')) {
      const mod = require(full);
      for (const service of Object.values(mod)) {
        if (!service || typeof service !== 'object') continue;
        for (const method of Object.values(service)) {
          if (!method || typeof method.path !== 'string') continue;
          services[method.path] = {
            requestStream: method.requestStream,
            responseStream: method.responseStream,
            requestType: classNames.get(method.requestType),
            responseType: classNames.get(method.responseType),
          };
        }
      }
    }
  }
}
loadServices(libDir);

process.stdout.write(JSON.stringify({ messages, enums, services }, null, 1) + '\n');
