#!/usr/bin/env node
// Proves service discovery with Fabric's legacy Node SDK, fabric-network 2.2 (fabric-common's DiscoveryService):
// connects with an organisation's Fabric connection profile and discovery enabled (asLocalhost), so the peers,
// orderers and endorsement plan come from the peer's discovery.Discovery/Discover. Then, through that plan:
// submits a transaction (committed, seen by a block listener and a contract event listener), evaluates it back,
// and evaluates qscc GetChainInfo. Prints one JSON summary on stdout (the discovered MSPs, orderers, peers per
// organisation with ledger heights and chaincodes, and the chaincode's endorsement layouts); exits 0 when every step
// worked. With --evaluate-only it skips the submit and listeners (a network where some peer is down).
//
// Settings: --profile connection-org1.json, --channel, --chaincode, [--evaluate-only], [--wait-for-peers MSP,MSP].
// Run with: NODE_PATH=.deps/node-legacy/node_modules node tools/node/legacy/network-check.js ...
'use strict';

const fs = require('node:fs');
const { Gateway, Wallets } = require('fabric-network');
const { common } = require('fabric-protos');
const setting = require('../required-setting.js').requiredSetting;

function withTimeout(promise, ms, what) {
    let timer;
    return Promise.race([
        promise.finally(() => clearTimeout(timer)),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms); }),
    ]);
}

function peersSummary(peersByOrg) {
    const result = {};
    for (const [mspId, org] of Object.entries(peersByOrg || {})) {
        result[mspId] = (org.peers || []).map((p) => ({
            mspid: p.mspid,
            endpoint: p.endpoint,
            ledgerHeight: p.ledgerHeight ? p.ledgerHeight.toString() : null,
            chaincodes: (p.chaincodes || []).map((c) => c.name),
        }));
    }
    return result;
}

function planSummary(plan) {
    if (!plan) {
        return null;
    }
    const groups = {};
    for (const [name, group] of Object.entries(plan.groups || {})) {
        groups[name] = group.peers.map((p) => ({ mspid: p.mspid, endpoint: p.endpoint }));
    }
    return { chaincode: plan.chaincode, groups, layouts: plan.layouts };
}

async function main() {
    const profile = JSON.parse(fs.readFileSync(setting('profile'), 'utf8'));
    const channelName = setting('channel');
    const chaincode = setting('chaincode');
    const evaluateOnly = process.argv.includes('--evaluate-only');
    const orgName = profile.client.organization;
    const org = profile.organizations[orgName];

    const wallet = await Wallets.newInMemoryWallet();
    await wallet.put('user', {
        credentials: {
            certificate: fs.readFileSync(org.signedCert.path, 'utf8'),
            privateKey: fs.readFileSync(org.adminPrivateKey.path, 'utf8'),
        },
        mspId: org.mspid,
        type: 'X.509',
    });

    // --wait-for-peers MSP1,MSP2: reconnect (fresh discovery) until each named organisation has a discovered peer,
    // for up to a minute (a peer just started is listed after its first membership probe).
    const waitFor = process.argv.includes('--wait-for-peers') ? setting('wait-for-peers').split(',') : [];
    const deadline = Date.now() + 60000;
    let gateway;
    let network;
    let discovered;
    const summary = { ok: false };
    try {
        for (;;) {
            gateway = new Gateway();
            await gateway.connect(profile, {
                wallet,
                identity: 'user',
                discovery: { enabled: true, asLocalhost: true },
            });
            network = await gateway.getNetwork(channelName);
            discovered = await network.discoveryService.getDiscoveryResults();
            const missing = waitFor.filter((mspId) => !((discovered.peers_by_org || {})[mspId] || { peers: [] }).peers.length);
            if (missing.length === 0 || Date.now() > deadline) {
                break;
            }
            gateway.disconnect();
            await new Promise((resolve) => setTimeout(resolve, 1000));
        }
        summary.msps = Object.keys(discovered.msps || {}).sort();
        summary.tlsRootCerts = Object.fromEntries(Object.entries(discovered.msps || {}).map(([id, m]) => [id, (m.tlsRootCerts || '').includes('BEGIN CERTIFICATE')]));
        summary.orderers = Object.fromEntries(Object.entries(discovered.orderers || {}).map(([id, o]) => [id, o.endpoints.map((e) => `${e.host}:${e.port}`)]));
        summary.peers = peersSummary(discovered.peers_by_org);

        const contract = network.getContract(chaincode);
        const asset = `discovery-${Date.now()}`;
        if (!evaluateOnly) {
            const blocks = [];
            const events = [];
            const blockListener = async (event) => { blocks.push(event.blockNumber.toString()); };
            const contractListener = async (event) => { events.push({ name: event.eventName, transactionId: event.getTransactionEvent().transactionId }); };
            await network.addBlockListener(blockListener);
            await contract.addContractListener(contractListener);

            const transaction = contract.createTransaction('CreateAsset');
            await withTimeout(transaction.submit(asset, 'blue', '5', 'Discovery', '300'), 60000, 'the submit');
            summary.submit = { transactionId: transaction.getTransactionId() };
            const deadline = Date.now() + 30000;
            while (Date.now() < deadline && !events.some((e) => e.transactionId === summary.submit.transactionId)) {
                await new Promise((resolve) => setTimeout(resolve, 200));
            }
            network.removeBlockListener(blockListener);
            contract.removeContractListener(contractListener);
            summary.blocks = blocks;
            summary.events = events;
        }

        // The chaincode's endorsement plan, as the submit used it (or as a submit would ask for it).
        try {
            await contract.getDiscoveryHandler();
            const plan = await (await contract.discoveryService).getDiscoveryResults();
            summary.plan = planSummary(plan.endorsement_plan);
        } catch (e) {
            summary.planError = e.message;
        }

        const read = await withTimeout(contract.evaluateTransaction(evaluateOnly ? 'GetAllAssets' : 'ReadAsset', ...(evaluateOnly ? [] : [asset])), 30000, 'the evaluate');
        const parsed = JSON.parse(read.toString('utf8'));
        summary.evaluate = evaluateOnly ? { assets: parsed.length } : { owner: parsed.Owner ?? parsed.owner };

        const info = common.BlockchainInfo.decode(await withTimeout(network.getContract('qscc').evaluateTransaction('GetChainInfo', channelName), 30000, 'qscc'));
        summary.chainInfo = { height: info.height.toString(), currentBlockHash: Buffer.from(info.currentBlockHash).toString('hex') };
        summary.ok = true;
    } catch (e) {
        summary.error = `${e.name}: ${e.message}`;
        summary.stack = e.stack;
    } finally {
        if (gateway) {
            gateway.disconnect();
        }
    }
    process.stdout.write(JSON.stringify(summary) + '\n');
    process.exit(summary.ok ? 0 : 1);
}

main().catch((e) => {
    process.stdout.write(JSON.stringify({ ok: false, error: String(e && e.stack || e) }) + '\n');
    process.exit(1);
});
