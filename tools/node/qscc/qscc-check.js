#!/usr/bin/env node
// Proves qscc with Fabric's own protobuf package, @hyperledger/fabric-protos: builds the proposals Fabric's peer CLI
// sends to qscc (no channel in the header, the channel as args[1]), signs them as an organisation's user, calls
// protos.Endorser/ProcessProposal, and decodes the answers (BlockchainInfo, Block) with Fabric's classes. Each answer
// must re-encode to the very bytes the peer sent, and the hash the peer reports for the newest block must equal the
// hash computed here from that block's header (SHA-256 of the DER SEQUENCE {number, previous_hash, data_hash}, as
// Fabric's protoutil.BlockHeaderHash). Prints one JSON summary on stdout; exits 0 when every check holds.
//
// Settings: --endpoint host:port (plaintext), --msp-id, --msp-dir (signcerts/, keystore/), --channel.
// Run with the project's Node packages: NODE_PATH=.deps/node/node_modules node tools/node/qscc/qscc-check.js ...
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const { signers } = require('@hyperledger/fabric-gateway');
const { common, msp, peer } = require('@hyperledger/fabric-protos');
const { Timestamp } = require('google-protobuf/google/protobuf/timestamp_pb');
const setting = require('../required-setting.js').requiredSetting;

function firstFile(dir) {
    return path.join(dir, fs.readdirSync(dir).sort()[0]);
}

// DER length and TLV, written out rather than taken from a library so the check is independent of both peers' code.
function tlv(tag, value) {
    const n = value.length;
    const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
    return Buffer.concat([Buffer.from([tag, ...length]), value]);
}

function derInteger(number) {
    let hex = BigInt(number).toString(16);
    if (hex.length % 2) {
        hex = '0' + hex;
    }
    let bytes = Buffer.from(hex, 'hex');
    if (bytes[0] & 0x80) {
        bytes = Buffer.concat([Buffer.from([0]), bytes]);
    }
    return tlv(0x02, bytes);
}

function headerHash(header) {
    const der = tlv(0x30, Buffer.concat([
        derInteger(header.getNumber()),
        tlv(0x04, Buffer.from(header.getPreviousHash_asU8())),
        tlv(0x04, Buffer.from(header.getDataHash_asU8())),
    ]));
    return crypto.createHash('sha256').update(der).digest();
}

async function main() {
    const endpoint = setting('endpoint');
    const mspId = setting('msp-id');
    const mspDir = setting('msp-dir');
    const channel = setting('channel');
    const certificate = fs.readFileSync(firstFile(path.join(mspDir, 'signcerts')));
    const sign = signers.newPrivateKeySigner(crypto.createPrivateKey(fs.readFileSync(firstFile(path.join(mspDir, 'keystore')))));
    const identity = new msp.SerializedIdentity();
    identity.setMspid(mspId);
    identity.setIdBytes(certificate);
    const creator = identity.serializeBinary();
    const client = new peer.EndorserClient(endpoint, grpc.credentials.createInsecure());

    async function qscc(...args) {
        const nonce = crypto.randomBytes(24);
        const chaincodeId = new peer.ChaincodeID();
        chaincodeId.setName('qscc');
        const extension = new peer.ChaincodeHeaderExtension();
        extension.setChaincodeId(chaincodeId);
        const channelHeader = new common.ChannelHeader();
        channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
        channelHeader.setChannelId('');
        channelHeader.setTxId(crypto.createHash('sha256').update(Buffer.concat([nonce, Buffer.from(creator)])).digest('hex'));
        channelHeader.setTimestamp(Timestamp.fromDate(new Date()));
        channelHeader.setExtension$(extension.serializeBinary());
        const signatureHeader = new common.SignatureHeader();
        signatureHeader.setCreator(creator);
        signatureHeader.setNonce(nonce);
        const header = new common.Header();
        header.setChannelHeader(channelHeader.serializeBinary());
        header.setSignatureHeader(signatureHeader.serializeBinary());
        const input = new peer.ChaincodeInput();
        input.setArgsList(args.map((a) => (typeof a === 'string' ? Buffer.from(a) : a)));
        const spec = new peer.ChaincodeSpec();
        spec.setType(peer.ChaincodeSpec.Type.GOLANG);
        spec.setChaincodeId(chaincodeId);
        spec.setInput(input);
        const invocation = new peer.ChaincodeInvocationSpec();
        invocation.setChaincodeSpec(spec);
        const payload = new peer.ChaincodeProposalPayload();
        payload.setInput(invocation.serializeBinary());
        const proposal = new peer.Proposal();
        proposal.setHeader(header.serializeBinary());
        proposal.setPayload(payload.serializeBinary());
        const proposalBytes = proposal.serializeBinary();
        const signed = new peer.SignedProposal();
        signed.setProposalBytes(proposalBytes);
        signed.setSignature(await sign(crypto.createHash('sha256').update(proposalBytes).digest()));
        const response = await new Promise((resolve, reject) =>
            client.processProposal(signed, (err, answer) => (err ? reject(err) : resolve(answer))));
        const status = response.getResponse();
        if (status.getStatus() !== 200) {
            throw new Error(`qscc ${args[0]} answered ${status.getStatus()}: ${status.getMessage()}`);
        }
        return Buffer.from(status.getPayload_asU8());
    }

    const infoBytes = await qscc('GetChainInfo', channel);
    const info = common.BlockchainInfo.deserializeBinary(infoBytes);
    const height = info.getHeight();
    const newestBytes = await qscc('GetBlockByNumber', channel, String(height - 1));
    const newest = common.Block.deserializeBinary(newestBytes);
    const byHashBytes = await qscc('GetBlockByHash', channel, Buffer.from(info.getCurrentblockhash_asU8()));
    const computed = headerHash(newest.getHeader());
    const summary = {
        height,
        currentBlockHash: Buffer.from(info.getCurrentblockhash_asU8()).toString('base64'),
        computedHeaderHash: computed.toString('base64'),
        chainInfoByteExact: Buffer.from(info.serializeBinary()).equals(infoBytes),
        blockByteExact: Buffer.from(newest.serializeBinary()).equals(newestBytes),
        blockByHashIsNewest: byHashBytes.equals(newestBytes),
    };
    summary.ok = summary.currentBlockHash === summary.computedHeaderHash && summary.chainInfoByteExact && summary.blockByteExact && summary.blockByHashIsNewest;
    console.log(JSON.stringify(summary));
    client.close();
    process.exitCode = summary.ok ? 0 : 1;
}

main().catch((err) => {
    console.error(err.stack || String(err));
    process.exitCode = 1;
});
