#!/usr/bin/env node
// pouchdb-server behind CouchDB's require_valid_user: every request but GET / (the welcome readiness probes read) must
// carry HTTP Basic credentials of the server's admin, or it gets 401 as CouchDB answers it.
//
//   node pouchdb-server-auth.js <pouchdb-server bin> --credentials <file> [--revs-limit N] [pouchdb-server options...]
//
// <file> holds COUCHDB_USER=<name> and COUCHDB_PASSWORD=<password> lines (the variables of couchdb:3's image).
//
// Why not pouchdb-server's own admins (config.json "admins"): 4.2.0 then still serves and accepts writes to any
// database whose _security lists no members, anonymous reads included, and an anonymous PUT /<db> crashes the whole
// server (express-pouchdb calls info() on the refusal). So the check happens here, before express-pouchdb sees the
// request, and behind it pouchdb-server runs without admins: whoever got through is the admin.
//
// _revs_limit: pouchdb-server 4.2.0 has no /{db}/_revs_limit endpoint, and PouchDB fixes a database's revision limit
// when it opens it. Each update of a document rewrites its whole revision tree, so with CouchDB's default of 1000 a key
// updated often costs more with every update (a 15-document _bulk_docs: 2.5 ms of CPU at 10 revisions, 82 ms at 800).
// Every database here opens with --revs-limit (default 10, the value the peer asks for), and GET/PUT /{db}/_revs_limit
// answer as CouchDB does for that value; a PUT of another value is refused, naming this option.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

function fail(message) {
  process.stderr.write(`pouchdb-server-auth: ${message}\n`);
  process.exit(2);
}

const [bin, flag, credentialsFile, ...rest] = process.argv.slice(2);
if (!bin || flag !== '--credentials' || !credentialsFile) {
  fail('usage: pouchdb-server-auth.js <pouchdb-server bin> --credentials <file> [--revs-limit N] [pouchdb-server options...]');
}
let revsLimit = 10;
let pouchArgs = rest;
if (rest[0] === '--revs-limit') {
  revsLimit = Number(rest[1]);
  if (!Number.isInteger(revsLimit) || revsLimit < 1) {
    fail(`--revs-limit must be a positive integer, not '${rest[1]}'`);
  }
  pouchArgs = rest.slice(2);
}

function readCredentials(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read the credentials file ${file}: ${e.message}`);
  }
  const values = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0 && !line.startsWith('#')) {
      values[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
    }
  }
  if (!values.COUCHDB_USER || !values.COUCHDB_PASSWORD) {
    fail(`${file} must set COUCHDB_USER and COUCHDB_PASSWORD`);
  }
  return { user: values.COUCHDB_USER, password: values.COUCHDB_PASSWORD };
}

const admin = readCredentials(credentialsFile);
// Compared as digests so the comparison is constant-time whatever the lengths.
const digest = (text) => crypto.createHash('sha256').update(text, 'utf8').digest();
const expected = digest(`${admin.user}:${admin.password}`);

function authorized(header) {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header || '');
  return match !== null && crypto.timingSafeEqual(digest(Buffer.from(match[1], 'base64').toString('utf8')), expected);
}

function refuse(res, reason) {
  const body = JSON.stringify({ error: 'unauthorized', reason });
  res.writeHead(401, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'WWW-Authenticate': 'Basic realm="server"',
  });
  res.end(body);
}

function reply(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

// GET/PUT /{db}/_revs_limit, for the fixed limit every database opens with.
function revsLimitRequest(req, res) {
  if (req.method === 'GET') {
    return reply(res, 200, revsLimit);
  }
  if (req.method !== 'PUT') {
    return reply(res, 405, { error: 'method_not_allowed', reason: 'Only GET,PUT allowed' });
  }
  let text = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => { text += chunk; });
  req.on('end', () => {
    const asked = Number(text.trim());
    if (!Number.isInteger(asked) || asked < 1) {
      return reply(res, 400, { error: 'bad_request', reason: `_revs_limit must be a positive integer, not '${text.trim()}'` });
    }
    if (asked !== revsLimit) {
      return reply(res, 400, { error: 'bad_request', reason: `this pouchdb-server opens every database with _revs_limit ${revsLimit}; start it with --revs-limit ${asked} (tools/infra/pouchdb-server-auth.js)` });
    }
    return reply(res, 200, { ok: true });
  });
}

const binDir = path.dirname(fs.realpathSync(bin));
const PouchDB = require(require.resolve('pouchdb-core', { paths: [binDir] }));
const defaults = PouchDB.defaults;
PouchDB.defaults = function withRevsLimit(opts) {
  return defaults.call(this, Object.assign({}, opts, { revs_limit: revsLimit }));
};

const express = require(require.resolve('express', { paths: [binDir] }));
const handle = express.application.handle;
express.application.handle = function guardedHandle(req, res, callback) {
  // Mounted sub-applications (express-pouchdb) pass through: the outermost application already decided.
  if (this.parent || (req.method === 'GET' && (req.url === '/' || req.url === ''))) {
    return handle.call(this, req, res, callback);
  }
  if (!req.headers.authorization) {
    return refuse(res, 'Authentication required.');
  }
  if (!authorized(req.headers.authorization)) {
    return refuse(res, 'Name or password is incorrect.');
  }
  // express-pouchdb has no admins configured, so a request without credentials is its admin.
  delete req.headers.authorization;
  if (/^\/[^/?]+\/_revs_limit(\?.*)?$/.test(req.url)) {
    return revsLimitRequest(req, res);
  }
  return handle.call(this, req, res, callback);
};

process.argv = [process.argv[0], bin, ...pouchArgs];
require(fs.realpathSync(bin));
