#!/usr/bin/env node
// Proves the peer's gateway.Gateway service with Fabric's own client, @hyperledger/fabric-gateway: connects over
// plaintext gRPC as an organisation's user, evaluates, submits and waits for the commit status, reads a chaincode
// failure as an EndorseError/GatewayError carrying ErrorDetail, and receives chaincode events with a checkpointer,
// resuming after the checkpoint. Prints one JSON summary on stdout; exits 0 when every step behaved as Fabric's.
//
// Settings (command line --name value, or the environment variable in brackets):
//   --endpoint   host:port of the peer's gateway       [GATEWAY_ENDPOINT]  default 127.0.0.1:7051
//   --msp-id     the user's MSP ID                      [GATEWAY_MSP_ID]    default Org1MSP
//   --msp-dir    the user's MSP folder (signcerts/, keystore/), or --cert and --key files
//                                                       [GATEWAY_MSP_DIR, GATEWAY_CERT, GATEWAY_KEY]
//   --channel    channel name                           [GATEWAY_CHANNEL]   default mychannel
//   --chaincode  asset-transfer chaincode name          [GATEWAY_CHAINCODE] default basic
// Run from the repository with the project's Node packages: NODE_PATH=.deps/node/node_modules node tools/node/gateway/gateway-check.js ...
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const { connect, signers, hash, checkpointers, GatewayError, EndorseError } = require('@hyperledger/fabric-gateway');

function setting(name, variable, fallback) {
    const at = process.argv.indexOf(`--${name}`);
    if (at >= 0 && at + 1 < process.argv.length) {
        return process.argv[at + 1];
    }
    return process.env[variable] || fallback;
}

function firstFile(dir) {
    const files = fs.readdirSync(dir).filter((f) => !f.startsWith('.')).sort();
    if (files.length === 0) {
        throw new Error(`no file in ${dir}`);
    }
    return path.join(dir, files[0]);
}

const endpoint = setting('endpoint', 'GATEWAY_ENDPOINT', '127.0.0.1:7051');
const mspId = setting('msp-id', 'GATEWAY_MSP_ID', 'Org1MSP');
const mspDir = setting('msp-dir', 'GATEWAY_MSP_DIR', undefined);
const certPath = setting('cert', 'GATEWAY_CERT', mspDir && firstFile(path.join(mspDir, 'signcerts')));
const keyPath = setting('key', 'GATEWAY_KEY', mspDir && firstFile(path.join(mspDir, 'keystore')));
const channelName = setting('channel', 'GATEWAY_CHANNEL', 'mychannel');
const chaincodeName = setting('chaincode', 'GATEWAY_CHAINCODE', 'basic');
if (!certPath || !keyPath) {
    console.error('give the user\'s --msp-dir, or --cert and --key');
    process.exit(2);
}

const utf8 = new TextDecoder();
const failures = [];
function expect(condition, what) {
    if (!condition) {
        failures.push(what);
    }
}

function errorSummary(err) {
    return {
        type: err instanceof EndorseError ? 'EndorseError' : err instanceof GatewayError ? 'GatewayError' : err.constructor.name,
        code: err.code,
        message: err.message,
        details: (err.details || []).map((d) => ({ address: d.address, mspId: d.mspId, message: d.message })),
    };
}

// Reads events until `stop` says so or the time is up; always closes the stream.
async function readEvents(events, stop, timeoutMs) {
    const seen = [];
    const timer = setTimeout(() => events.close(), timeoutMs);
    try {
        for await (const event of events) {
            seen.push(event);
            if (stop(event, seen)) {
                break;
            }
        }
    } catch (err) {
        if (!(err && err.code === grpc.status.CANCELLED)) {
            throw err;
        }
    } finally {
        clearTimeout(timer);
        events.close();
    }
    return seen;
}

function eventSummary(event) {
    return { block: event.blockNumber.toString(), transactionId: event.transactionId, eventName: event.eventName };
}

async function main() {
    const client = new grpc.Client(endpoint, grpc.credentials.createInsecure());
    const gateway = connect({
        client,
        identity: { mspId, credentials: fs.readFileSync(certPath) },
        signer: signers.newPrivateKeySigner(crypto.createPrivateKey(fs.readFileSync(keyPath))),
        hash: hash.sha256,
        evaluateOptions: () => ({ deadline: Date.now() + 30000 }),
        endorseOptions: () => ({ deadline: Date.now() + 30000 }),
        submitOptions: () => ({ deadline: Date.now() + 30000 }),
        commitStatusOptions: () => ({ deadline: Date.now() + 60000 }),
    });
    const summary = { endpoint, mspId, channel: channelName, chaincode: chaincodeName };
    try {
        const network = gateway.getNetwork(channelName);
        const contract = network.getContract(chaincodeName);
        const asset = `gw-${Date.now()}-${crypto.randomBytes(3).toString('hex')}`;
        const second = `${asset}-b`;

        // Submit and wait for the commit status.
        const created = await contract.submitAsync('CreateAsset', { arguments: [asset, 'blue', '5', 'Tom', '100'] });
        const createdStatus = await created.getStatus();
        summary.submit = {
            transactionId: createdStatus.transactionId,
            blockNumber: createdStatus.blockNumber.toString(),
            code: createdStatus.code,
            successful: createdStatus.successful,
        };
        expect(createdStatus.successful && createdStatus.code === 0, 'CreateAsset committed VALID');

        // Evaluate reads the committed state.
        const read = JSON.parse(utf8.decode(await contract.evaluateTransaction('ReadAsset', asset)));
        summary.evaluate = read;
        expect(read.ID === asset, 'ReadAsset returns the created asset');

        // A chaincode failure on endorsement is an EndorseError with the peers' details.
        try {
            await contract.submitTransaction('CreateAsset', asset, 'red', '1', 'Eve', '1');
            failures.push('creating an existing asset failed');
        } catch (err) {
            summary.endorseError = errorSummary(err);
            expect(err instanceof EndorseError, 'duplicate CreateAsset throws EndorseError');
            expect(summary.endorseError.details.length > 0, 'EndorseError carries ErrorDetail');
        }

        // A chaincode failure on evaluation is a GatewayError with details, not a successful empty result.
        try {
            await contract.evaluateTransaction('ReadAsset', `${asset}-missing`);
            failures.push('reading a missing asset failed');
        } catch (err) {
            summary.evaluateError = errorSummary(err);
            expect(err instanceof GatewayError, 'ReadAsset of a missing asset throws GatewayError');
            expect(summary.evaluateError.details.length > 0, 'the evaluate error carries ErrorDetail');
        }

        // Two more events after the first one.
        const transferred = await contract.submitAsync('TransferAsset', { arguments: [asset, 'Alice'] });
        const transferredStatus = await transferred.getStatus();
        const createdSecond = await contract.submitAsync('CreateAsset', { arguments: [second, 'green', '3', 'Bob', '50'] });
        const secondStatus = await createdSecond.getStatus();
        expect(transferredStatus.successful && secondStatus.successful, 'TransferAsset and the second CreateAsset committed VALID');
        const ours = [createdStatus.transactionId, transferredStatus.transactionId, secondStatus.transactionId];

        // Listen from the first transaction's block, checkpoint after its event, then resume from the checkpoint.
        const checkpointer = checkpointers.inMemory();
        const firstRun = await readEvents(
            await network.getChaincodeEvents(chaincodeName, { startBlock: createdStatus.blockNumber, checkpoint: checkpointer }),
            (event) => event.transactionId === createdStatus.transactionId,
            30000);
        const checkpointed = firstRun[firstRun.length - 1];
        expect(checkpointed && checkpointed.transactionId === createdStatus.transactionId, 'the first listener sees CreateAsset');
        if (checkpointed) {
            await checkpointer.checkpointChaincodeEvent(checkpointed);
        }

        const resumed = await readEvents(
            await network.getChaincodeEvents(chaincodeName, { checkpoint: checkpointer }),
            (event) => event.transactionId === secondStatus.transactionId,
            30000);
        const resumedOurs = resumed.filter((e) => ours.includes(e.transactionId)).map((e) => e.transactionId);
        const keys = resumed.map((e) => `${e.blockNumber}/${e.transactionId}/${e.eventName}`);
        summary.events = {
            checkpoint: { block: checkpointer.getBlockNumber()?.toString(), transactionId: checkpointer.getTransactionId() },
            first: firstRun.map(eventSummary),
            resumed: resumed.map(eventSummary),
            expectedAfterCheckpoint: ours.slice(1),
        };
        expect(JSON.stringify(resumedOurs) === JSON.stringify(ours.slice(1)), 'resumed events are exactly TransferAsset then the second CreateAsset');
        expect(new Set(keys).size === keys.length, 'no event is repeated after resuming');
        expect(resumed.every((e) => e.blockNumber >= createdStatus.blockNumber), 'nothing before the checkpoint is replayed');
        expect(resumed.filter((e) => e.transactionId === ours[1])[0]?.eventName === 'TransferAsset', 'TransferAsset emits its event');
    } finally {
        gateway.close();
        client.close();
    }

    summary.failures = failures;
    summary.ok = failures.length === 0;
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return summary.ok ? 0 : 1;
}

main().then(
    (code) => process.exit(code),
    (err) => {
        process.stdout.write(`${JSON.stringify({ ok: false, error: err instanceof GatewayError ? errorSummary(err) : String(err && err.stack || err), failures }, null, 2)}\n`);
        process.exit(1);
    });
