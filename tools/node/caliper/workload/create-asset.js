'use strict';

const { WorkloadModuleBase } = require('@hyperledger/caliper-core');
const { assetId, chaincode } = require('./run-settings');

// Submits asset-transfer's CreateAsset(id, color, size, owner, appraisedValue) with a new id each time; the
// connector endorses through the gateway, submits and waits for the commit status, so a transaction counts as
// successful only once it is committed VALID.
class CreateAssetWorkload extends WorkloadModuleBase {
    constructor() {
        super();
        this.created = 0;
    }

    async submitTransaction() {
        const id = assetId(this.workerIndex, this.created);
        this.created += 1;
        await this.sutAdapter.sendRequests({
            contractId: chaincode(),
            contractFunction: 'CreateAsset',
            contractArguments: [id, 'blue', '5', `Owner${this.workerIndex}`, '300'],
            invokerIdentity: 'User1',
            readOnly: false,
        });
    }
}

module.exports.createWorkloadModule = () => new CreateAssetWorkload();
