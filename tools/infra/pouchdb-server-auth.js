#!/usr/bin/env node
// pouchdb-server behind CouchDB's require_valid_user: every request but GET / (the welcome readiness probes read) must
// carry HTTP Basic credentials of the server's admin, or it gets 401 as CouchDB answers it.
//
//   node pouchdb-server-auth.js <pouchdb-server bin> --credentials <file> [pouchdb-server options...]
//
// <file> holds COUCHDB_USER=<name> and COUCHDB_PASSWORD=<password> lines (the variables of couchdb:3's image).
//
// Why not pouchdb-server's own admins (config.json "admins"): 4.2.0 then still serves and accepts writes to any
// database whose _security lists no members, anonymous reads included, and an anonymous PUT /<db> crashes the whole
// server (express-pouchdb calls info() on the refusal). So the check happens here, before express-pouchdb sees the
// request, and behind it pouchdb-server runs without admins: whoever got through is the admin.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

function fail(message) {
  process.stderr.write(`pouchdb-server-auth: ${message}\n`);
  process.exit(2);
}

const [bin, flag, credentialsFile, ...pouchArgs] = process.argv.slice(2);
if (!bin || flag !== '--credentials' || !credentialsFile) {
  fail('usage: pouchdb-server-auth.js <pouchdb-server bin> --credentials <file> [pouchdb-server options...]');
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

const express = require(require.resolve('express', { paths: [path.dirname(fs.realpathSync(bin))] }));
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
  return handle.call(this, req, res, callback);
};

process.argv = [process.argv[0], bin, ...pouchArgs];
require(fs.realpathSync(bin));
