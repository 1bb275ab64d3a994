'use strict';

const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const { assetId, chaincode } = require('./run-settings');

// Evaluates ReadAsset on the assets this worker created in the create round (roundArguments.created, that round's
// txNumber, split between the workers as Caliper splits it), round robin.
class ReadAssetWorkload extends WorkloadModuleBase {
    constructor() {
        super();
        this.read = 0;
    }

    async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
        await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
        this.available = Math.floor(Number(roundArguments.created) / totalWorkers);
        if (!(this.available > 0)) {
            throw new Error(`read-asset needs the create round's txNumber as 'created' (got ${roundArguments.created})`);
        }
    }

    async submitTransaction() {
        const id = assetId(this.workerIndex, this.read % this.available);
        this.read += 1;
        await this.sutAdapter.sendRequests({
            contractId: chaincode(),
            contractFunction: 'ReadAsset',
            contractArguments: [id],
            invokerIdentity: 'User1',
            readOnly: true,
        });
    }
}

module.exports.createWorkloadModule = () => new ReadAssetWorkload();
