#!/usr/bin/env node
// qscc through the peer's gateway with Fabric's own client, @hyperledger/fabric-gateway, as applications call it:
// getNetwork(channel).getContract('qscc').evaluateTransaction('GetChainInfo', channel), decoded with
// @hyperledger/fabric-protos. Prints one JSON line ({ok, height, currentBlockHash} or {ok: false, error, details}).
//
// Settings: --endpoint host:port (plaintext), --msp-id, --cert, --key, --channel.
// Run with: NODE_PATH=.deps/node/node_modules node tools/node/gateway/qscc-check.js ...
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const grpc = require('@grpc/grpc-js');
const { connect, signers, hash } = require('@hyperledger/fabric-gateway');
const { common } = require('@hyperledger/fabric-protos');
const setting = require('../required-setting.js').requiredSetting;

async function main() {
    const channel = setting('channel');
    const client = new grpc.Client(setting('endpoint'), grpc.credentials.createInsecure());
    const gateway = connect({
        client,
        identity: { mspId: setting('msp-id'), credentials: fs.readFileSync(setting('cert')) },
        signer: signers.newPrivateKeySigner(crypto.createPrivateKey(fs.readFileSync(setting('key')))),
        hash: hash.sha256,
        evaluateOptions: () => ({ deadline: Date.now() + 30000 }),
    });
    let summary;
    try {
        const bytes = await gateway.getNetwork(channel).getContract('qscc').evaluateTransaction('GetChainInfo', channel);
        const info = common.BlockchainInfo.deserializeBinary(bytes);
        summary = { ok: true, height: info.getHeight(), currentBlockHash: Buffer.from(info.getCurrentblockhash_asU8()).toString('hex') };
    } catch (e) {
        summary = { ok: false, error: e.message, details: (e.details || []).map((d) => ({ address: d.address, mspId: d.mspId, message: d.message })) };
    } finally {
        gateway.close();
        client.close();
    }
    process.stdout.write(JSON.stringify(summary) + '\n');
    process.exit(summary.ok ? 0 : 1);
}

main();
