'use strict';

// What the workloads take from run-caliper.js, which sets it for Caliper's manager; the worker processes inherit it.
//   FABRICISH_CALIPER_RUN        unique per run, so a second run against the same ledger creates new assets
//   FABRICISH_CALIPER_CHAINCODE  the asset-transfer chaincode name, also the contract id of the network config
function setting(name) {
    const value = process.env[name];
    if (!value) {
        throw new Error(`${name} is not set: start Caliper through tools/node/caliper/run-caliper.js`);
    }
    return value;
}

// Per run, per worker and per transaction: the create and read rounds agree on it.
function assetId(workerIndex, n) {
    return `caliper-${setting('FABRICISH_CALIPER_RUN')}-w${workerIndex}-${n}`;
}

function chaincode() {
    return setting('FABRICISH_CALIPER_CHAINCODE');
}

module.exports = { assetId, chaincode };
