#!/usr/bin/env node
// Runs Hyperledger Caliper 0.6.0 (installed and bound to fabric:2.5 in .deps/caliper by ./fabricish deps) against the
// network ./fabricish up started: writes Caliper's v2 Fabric network config from the run folder (network.json and the
// org's connection profile: peer address, User1's certificate and key), launches benchmark.yaml's rounds, and reads
// Caliper's result table (Succ/Fail, send rate, latencies, throughput per round). Prints one JSON summary on stdout
// (Caliper's own output goes to stderr and <output>/caliper.log); exits 0 when every round ran all of its txNumber
// transactions successfully.
//
//   node tools/node/caliper/run-caliper.js --run-dir .run [--org Org1] [--output DIR] [--caliper-dir .deps/caliper]
//                                          [--benchmark tools/node/caliper/benchmark.yaml]
'use strict';

const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..', '..');

function setting(name, fallback) {
    const at = process.argv.indexOf(`--${name}`);
    if (at >= 0 && at + 1 < process.argv.length) {
        return process.argv[at + 1];
    }
    return fallback;
}

function fail(message) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: message }, null, 2)}\n`);
    process.exit(2);
}

function readJson(file, what) {
    try {
        return JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
        return fail(`cannot read ${what} ${file}: ${err.message}`);
    }
}

const runDirSetting = setting('run-dir', undefined);
if (!runDirSetting) {
    fail('give the network\'s run folder with --run-dir (the folder ./fabricish up wrote network.json into)');
}
const runDir = path.resolve(runDirSetting);
const orgName = setting('org', 'Org1');
const caliperDir = path.resolve(setting('caliper-dir', path.join(root, '.deps', 'caliper')));
const benchmark = path.resolve(setting('benchmark', path.join(__dirname, 'benchmark.yaml')));
const outputSetting = setting('output', undefined);
const caliperCli = path.join(caliperDir, 'node_modules', '@hyperledger', 'caliper-cli', 'caliper.js');
if (!fs.existsSync(caliperCli)) {
    fail(`Caliper is not installed at ${caliperDir}: run ./fabricish deps`);
}
if (!fs.existsSync(path.join(caliperDir, 'node_modules', '@hyperledger', 'fabric-gateway'))) {
    fail(`Caliper at ${caliperDir} is not bound to Fabric (no @hyperledger/fabric-gateway): run ./fabricish deps`);
}

// Caliper's v2 network config: one channel with the chaincode as contract, the org's User1 from its connection profile.
function networkConfig() {
    const network = readJson(path.join(runDir, 'network.json'), 'the network description');
    const org = network.orgs && network.orgs[orgName];
    if (!org) {
        fail(`${runDir}/network.json has no organization ${orgName}`);
    }
    const profile = readJson(org.connectionProfile, 'the connection profile');
    const profileOrg = profile.organizations && profile.organizations[orgName];
    if (!profileOrg || !profileOrg.signedCert || !profileOrg.adminPrivateKey) {
        fail(`${org.connectionProfile} has no organizations.${orgName} with signedCert and adminPrivateKey`);
    }
    return {
        channel: network.channel,
        chaincode: network.chaincode,
        config: {
            name: `fabricish-${orgName.toLowerCase()}`,
            version: '2.0.0',
            caliper: { blockchain: 'fabric', sutOptions: { mutualTls: false } },
            channels: [{ channelName: network.channel, contracts: [{ id: network.chaincode }] }],
            organizations: [{
                mspid: org.mspId,
                identities: {
                    certificates: [{
                        name: 'User1',
                        clientPrivateKey: { path: profileOrg.adminPrivateKey.path },
                        clientSignedCert: { path: profileOrg.signedCert.path },
                    }],
                },
                connectionProfile: { path: org.connectionProfile, discover: false },
            }],
        },
    };
}

// Rows of the last "Name | Succ | Fail | ..." table Caliper printed, by round label.
function resultTable(log) {
    const rounds = new Map();
    let header;
    for (const line of log.split('\n')) {
        const trimmed = line.trim();
        if (!trimmed.startsWith('|')) {
            header = trimmed.startsWith('+') ? header : undefined;
            continue;
        }
        const cells = trimmed.slice(1, -1).split('|').map((c) => c.trim());
        if (cells[0] === 'Name') {
            header = cells;
        } else if (header) {
            const row = Object.fromEntries(header.map((h, i) => [h, cells[i]]));
            rounds.set(row.Name, row);
        }
    }
    return rounds;
}

function number(text) {
    const value = Number(text);
    return Number.isFinite(value) ? value : null;
}

function benchmarkTest() {
    const yaml = require(path.join(caliperDir, 'node_modules', 'js-yaml'));
    const test = yaml.safeLoad(fs.readFileSync(benchmark, 'utf8')).test || {};
    return {
        workers: (test.workers || {}).number || 1,
        rounds: (test.rounds || []).map((r) => ({ label: r.label, expected: r.txNumber })),
    };
}

async function main() {
    const { channel, chaincode, config } = networkConfig();
    const output = outputSetting ? path.resolve(outputSetting) : fs.mkdtempSync(path.join(os.tmpdir(), 'fabricish-caliper-'));
    fs.mkdirSync(output, { recursive: true });
    const networkConfigFile = path.join(output, 'networkconfig.json');
    fs.writeFileSync(networkConfigFile, `${JSON.stringify(config, null, 2)}\n`);
    const reportFile = path.join(output, 'report.html');
    const logFile = path.join(output, 'caliper.log');
    const run = `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;

    const args = [caliperCli, 'launch', 'manager',
        '--caliper-workspace', __dirname,
        '--caliper-networkconfig', networkConfigFile,
        '--caliper-benchconfig', benchmark,
        '--caliper-report-path', reportFile,
        '--caliper-flow-only-test',
        '--caliper-fabric-gateway-enabled',
        '--caliper-logging-formats-colorize', 'false'];
    const started = Date.now();
    const log = fs.createWriteStream(logFile);
    const exitCode = await new Promise((resolve, reject) => {
        const caliper = childProcess.spawn(process.execPath, args, {
            cwd: output,
            env: {
                ...process.env,
                NODE_PATH: path.join(caliperDir, 'node_modules'),
                FABRICISH_CALIPER_RUN: run,
                FABRICISH_CALIPER_CHAINCODE: chaincode,
            },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        for (const stream of [caliper.stdout, caliper.stderr]) {
            stream.on('data', (chunk) => {
                log.write(chunk);
                process.stderr.write(chunk);
            });
        }
        caliper.on('error', reject);
        caliper.on('close', (code, signal) => resolve(code === null ? `signal ${signal}` : code));
    });
    await new Promise((resolve) => log.end(resolve));

    const printed = fs.readFileSync(logFile, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
    const table = resultTable(printed);
    const failures = [];
    if (exitCode !== 0) {
        failures.push(`caliper exited ${exitCode}`);
    }
    if (!fs.existsSync(reportFile)) {
        failures.push(`caliper wrote no report at ${reportFile}`);
    }
    const test = benchmarkTest();
    const rounds = test.rounds.map(({ label, expected }) => {
        const row = table.get(label);
        if (!row) {
            failures.push(`caliper printed no result for round ${label}`);
            return { label, expected };
        }
        const result = {
            label,
            expected,
            succ: number(row.Succ),
            fail: number(row.Fail),
            sendRateTps: number(row['Send Rate (TPS)']),
            maxLatencySeconds: number(row['Max Latency (s)']),
            minLatencySeconds: number(row['Min Latency (s)']),
            avgLatencySeconds: number(row['Avg Latency (s)']),
            throughputTps: number(row['Throughput (TPS)']),
        };
        if (result.fail !== 0) {
            failures.push(`round ${label}: ${row.Fail} transactions failed`);
        }
        if (result.succ !== expected) {
            failures.push(`round ${label}: ${row.Succ} successful, expected ${expected}`);
        }
        return result;
    });
    const errors = printed.split('\n').filter((l) => /\berror\b/i.test(l)).slice(0, 10);

    const summary = {
        ok: failures.length === 0,
        runDir,
        org: orgName,
        channel,
        chaincode,
        assetPrefix: `caliper-${run}-`,
        workers: test.workers,
        seconds: (Date.now() - started) / 1000,
        rounds,
        failures,
        errors,
        networkConfig: networkConfigFile,
        report: reportFile,
        log: logFile,
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return summary.ok ? 0 : 1;
}

main().then(
    (code) => process.exit(code),
    (err) => fail(String((err && err.stack) || err)));
