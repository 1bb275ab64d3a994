'use strict';

// The same contract as samples/asset-transfer (C#), written against Fabric's fabric-contract-api, so the two can be
// driven by the same proposals and compared byte for byte: same functions, same errors, same JSON property order
// (ID, Color, Size, Owner, AppraisedValue, docType), same ledger calls in the same order.
const { Contract } = require('fabric-contract-api');

function asset(id, color, size, owner, appraisedValue) {
    return {
        ID: id,
        Color: color,
        Size: parseInt(size, 10),
        Owner: owner,
        AppraisedValue: parseInt(appraisedValue, 10),
        docType: 'asset',
    };
}

// The C# sample reads assets into its Asset class and writes them back in the class's property order; CouchDB-style
// state returns documents with sorted keys, so reading must restore that order to give the same bytes.
function parse(json) {
    const stored = JSON.parse(json.toString('utf8'));
    return {
        ID: stored.ID,
        Color: stored.Color,
        Size: stored.Size,
        Owner: stored.Owner,
        AppraisedValue: stored.AppraisedValue,
        docType: stored.docType === undefined ? 'asset' : stored.docType,
    };
}

async function collect(iterator) {
    const assets = [];
    let result = await iterator.next();
    while (!result.done) {
        assets.push(parse(result.value.value));
        result = await iterator.next();
    }
    await iterator.close();
    return assets;
}

// As the C# sample: every change emits an event named after the transaction, carrying what was written.
async function save(ctx, value, eventName) {
    const json = Buffer.from(JSON.stringify(value));
    ctx.stub.setEvent(eventName, json);
    await ctx.stub.putState(value.ID, json);
}

class AssetTransfer extends Contract {
    constructor() {
        super('AssetTransfer');
    }

    async CreateAsset(ctx, id, color, size, owner, appraisedValue) {
        if (await this.AssetExists(ctx, id)) {
            throw new Error(`the asset ${id} already exists`);
        }
        await save(ctx, asset(id, color, size, owner, appraisedValue), 'CreateAsset');
    }

    async ReadAsset(ctx, id) {
        const json = await ctx.stub.getState(id);
        if (!json || json.length === 0) {
            throw new Error(`the asset ${id} does not exist`);
        }
        return parse(json);
    }

    async UpdateAsset(ctx, id, color, size, owner, appraisedValue) {
        if (!(await this.AssetExists(ctx, id))) {
            throw new Error(`the asset ${id} does not exist`);
        }
        await save(ctx, asset(id, color, size, owner, appraisedValue), 'UpdateAsset');
    }

    async DeleteAsset(ctx, id) {
        if (!(await this.AssetExists(ctx, id))) {
            throw new Error(`the asset ${id} does not exist`);
        }
        await ctx.stub.deleteState(id);
        ctx.stub.setEvent('DeleteAsset', Buffer.from(id));
    }

    async AssetExists(ctx, id) {
        const json = await ctx.stub.getState(id);
        return json !== undefined && json.length > 0;
    }

    // Returns the previous owner.
    async TransferAsset(ctx, id, newOwner) {
        const current = await this.ReadAsset(ctx, id);
        const oldOwner = current.Owner;
        current.Owner = newOwner;
        await save(ctx, current, 'TransferAsset');
        return oldOwner;
    }

    async GetAllAssets(ctx) {
        return collect(await ctx.stub.getStateByRange('', ''));
    }

    async QueryAssetsByOwner(ctx, owner) {
        return collect(await ctx.stub.getQueryResult(JSON.stringify({ selector: { docType: 'asset', Owner: owner } })));
    }

    // The private data functions of samples/privatedata (PrivateSecretsContract), same ledger calls in the same order.
    async CreateSecret(ctx, collection, id) {
        const secret = ctx.stub.getTransient().get('secret');
        if (!secret || secret.length === 0) {
            throw new Error("the secret must be passed in the transient map under 'secret'");
        }
        const existing = await ctx.stub.getPrivateDataHash(collection, id);
        if (existing && existing.length > 0) {
            throw new Error(`secret ${id} already exists in ${collection}`);
        }
        await ctx.stub.putPrivateData(collection, id, secret);
        return id;
    }

    async ReadSecret(ctx, collection, id) {
        const secret = await ctx.stub.getPrivateData(collection, id);
        if (!secret || secret.length === 0) {
            throw new Error(`secret ${id} does not exist in ${collection}`);
        }
        return Buffer.from(secret).toString('utf8');
    }

    async SecretHash(ctx, collection, id) {
        const hash = await ctx.stub.getPrivateDataHash(collection, id);
        if (!hash || hash.length === 0) {
            throw new Error(`secret ${id} does not exist in ${collection}`);
        }
        return Buffer.from(hash).toString('hex');
    }

    async DeleteSecret(ctx, collection, id) {
        await ctx.stub.deletePrivateData(collection, id);
        return id;
    }
}

module.exports.AssetTransfer = AssetTransfer;
module.exports.contracts = [AssetTransfer];
