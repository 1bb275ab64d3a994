'use strict';
// Builds the compatibility fixture's messages with Fabric's official JavaScript classes, and decodes such
// messages back into plain trees in which every bytes field that carries a marshalled message is itself
// decoded, so two encodings can be compared field by field at every nesting level.
const { common, peer, msp, ledger } = require('@hyperledger/fabric-protos');
const { Timestamp } = require('google-protobuf/google/protobuf/timestamp_pb.js');
const { bytesAsBase64 } = require('./registry');

const { rwset } = ledger;
const { kvrwset } = ledger.rwset;
const b64 = (s) => new Uint8Array(Buffer.from(s, 'base64'));

function serializedIdentity(id) {
  const identity = new msp.SerializedIdentity();
  identity.setMspid(id.mspId);
  identity.setIdBytes(b64(id.idBytes));
  return identity.serializeBinary();
}

function chaincodeId(f, { path, version }) {
  const id = new peer.ChaincodeID();
  if (path) id.setPath(f.chaincode.path);
  id.setName(f.chaincode.name);
  if (version) id.setVersion(f.chaincode.version);
  return id;
}

function channelHeader(f) {
  const ts = new Timestamp();
  ts.setSeconds(f.timestamp.seconds);
  ts.setNanos(f.timestamp.nanos);
  const extension = new peer.ChaincodeHeaderExtension();
  extension.setChaincodeId(chaincodeId(f, {}));
  const ch = new common.ChannelHeader();
  ch.setType(common.HeaderType.ENDORSER_TRANSACTION);
  ch.setVersion(f.channelHeaderVersion);
  ch.setTimestamp(ts);
  ch.setChannelId(f.channelId);
  ch.setTxId(f.txId);
  ch.setEpoch(f.epoch);
  ch.setExtension$(extension.serializeBinary());
  ch.setTlsCertHash(b64(f.tlsCertHash));
  return ch.serializeBinary();
}

function signatureHeader(creator, nonce) {
  const sh = new common.SignatureHeader();
  sh.setCreator(serializedIdentity(creator));
  sh.setNonce(b64(nonce));
  return sh.serializeBinary();
}

function header(f) {
  const h = new common.Header();
  h.setChannelHeader(channelHeader(f));
  h.setSignatureHeader(signatureHeader(f.creator, f.nonce));
  return h;
}

function invocationSpec(f) {
  const input = new peer.ChaincodeInput();
  input.setArgsList(f.args.map(b64));
  for (const [k, v] of Object.entries(f.decorations)) input.getDecorationsMap().set(k, b64(v));
  input.setIsInit(f.isInit);
  const spec = new peer.ChaincodeSpec();
  spec.setType(f.chaincode.type);
  spec.setChaincodeId(chaincodeId(f, { path: true, version: true }));
  spec.setInput(input);
  spec.setTimeout(f.chaincode.timeout);
  const cis = new peer.ChaincodeInvocationSpec();
  cis.setChaincodeSpec(spec);
  return cis.serializeBinary();
}

function proposalPayload(f, withTransient) {
  const payload = new peer.ChaincodeProposalPayload();
  payload.setInput(invocationSpec(f));
  if (withTransient) {
    for (const [k, v] of Object.entries(f.transient)) payload.getTransientmapMap().set(k, b64(v));
  }
  return payload.serializeBinary();
}

function signedProposal(f) {
  const proposal = new peer.Proposal();
  proposal.setHeader(header(f).serializeBinary());
  proposal.setPayload(proposalPayload(f, true));
  const signed = new peer.SignedProposal();
  signed.setProposalBytes(proposal.serializeBinary());
  signed.setSignature(b64(f.proposalSignature));
  return signed;
}

function version(v) {
  if (!v) return undefined;
  const ver = new kvrwset.Version();
  ver.setBlockNum(v.blockNum);
  ver.setTxNum(v.txNum);
  return ver;
}

function kvRead(r) {
  const read = new kvrwset.KVRead();
  read.setKey(r.key);
  if (r.version) read.setVersion(version(r.version));
  return read;
}

function metadataEntries(entries) {
  return entries.map((e) => {
    const entry = new kvrwset.KVMetadataEntry();
    entry.setName(e.name);
    entry.setValue(b64(e.value));
    return entry;
  });
}

function kvRwset(k) {
  const set = new kvrwset.KVRWSet();
  set.setReadsList(k.reads.map(kvRead));
  set.setRangeQueriesInfoList(k.rangeQueriesInfo.map((q) => {
    const info = new kvrwset.RangeQueryInfo();
    info.setStartKey(q.startKey);
    info.setEndKey(q.endKey);
    info.setItrExhausted(q.itrExhausted);
    const raw = new kvrwset.QueryReads();
    raw.setKvReadsList(q.rawReads.map(kvRead));
    info.setRawReads(raw);
    return info;
  }));
  set.setWritesList(k.writes.map((w) => {
    const write = new kvrwset.KVWrite();
    write.setKey(w.key);
    write.setIsDelete(w.isDelete);
    write.setValue(b64(w.value));
    return write;
  }));
  set.setMetadataWritesList(k.metadataWrites.map((m) => {
    const write = new kvrwset.KVMetadataWrite();
    write.setKey(m.key);
    write.setEntriesList(metadataEntries(m.entries));
    return write;
  }));
  return set.serializeBinary();
}

function hashedRwset(h) {
  const set = new kvrwset.HashedRWSet();
  set.setHashedReadsList(h.hashedReads.map((r) => {
    const read = new kvrwset.KVReadHash();
    read.setKeyHash(b64(r.keyHash));
    read.setVersion(version(r.version));
    return read;
  }));
  set.setHashedWritesList(h.hashedWrites.map((w) => {
    const write = new kvrwset.KVWriteHash();
    write.setKeyHash(b64(w.keyHash));
    write.setIsDelete(w.isDelete);
    write.setValueHash(b64(w.valueHash));
    write.setIsPurge(w.isPurge);
    return write;
  }));
  set.setMetadataWritesList(h.metadataWrites.map((m) => {
    const write = new kvrwset.KVMetadataWriteHash();
    write.setKeyHash(b64(m.keyHash));
    write.setEntriesList(metadataEntries(m.entries));
    return write;
  }));
  return set.serializeBinary();
}

function txRwset(f) {
  const set = new rwset.TxReadWriteSet();
  set.setDataModel(rwset.TxReadWriteSet.DataModel.KV);
  set.setNsRwsetList(f.nsRwsets.map((ns) => {
    const nsSet = new rwset.NsReadWriteSet();
    nsSet.setNamespace(ns.namespace);
    nsSet.setRwset(kvRwset(ns.kvrwset));
    nsSet.setCollectionHashedRwsetList(ns.collectionHashedRwsets.map((c) => {
      const coll = new rwset.CollectionHashedReadWriteSet();
      coll.setCollectionName(c.collectionName);
      coll.setHashedRwset(hashedRwset(c.hashedRwset));
      coll.setPvtRwsetHash(b64(c.pvtRwsetHash));
      return coll;
    }));
    return nsSet;
  }));
  return set.serializeBinary();
}

function proposalResponsePayload(f) {
  const event = new peer.ChaincodeEvent();
  event.setChaincodeId(f.chaincode.name);
  event.setTxId(f.txId);
  event.setEventName(f.event.eventName);
  event.setPayload(b64(f.event.payload));
  const response = new peer.Response();
  response.setStatus(f.response.status);
  response.setMessage(f.response.message);
  response.setPayload(b64(f.response.payload));
  const action = new peer.ChaincodeAction();
  action.setResults(txRwset(f));
  action.setEvents(event.serializeBinary());
  action.setResponse(response);
  action.setChaincodeId(chaincodeId(f, { version: true }));
  const prp = new peer.ProposalResponsePayload();
  prp.setProposalHash(b64(f.proposalHash));
  prp.setExtension$(action.serializeBinary());
  return prp.serializeBinary();
}

function envelope(f) {
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(proposalResponsePayload(f));
  endorsed.setEndorsementsList(f.endorsements.map((e) => {
    const endorsement = new peer.Endorsement();
    endorsement.setEndorser(serializedIdentity(e));
    endorsement.setSignature(b64(e.signature));
    return endorsement;
  }));
  const cap = new peer.ChaincodeActionPayload();
  cap.setChaincodeProposalPayload(proposalPayload(f, false));
  cap.setAction(endorsed);
  const action = new peer.TransactionAction();
  action.setHeader(signatureHeader(f.creator, f.nonce));
  action.setPayload(cap.serializeBinary());
  const tx = new peer.Transaction();
  tx.setActionsList([action]);
  const payload = new common.Payload();
  payload.setHeader(header(f));
  payload.setData(tx.serializeBinary());
  const env = new common.Envelope();
  env.setPayload(payload.serializeBinary());
  env.setSignature(b64(f.envelopeSignature));
  return env;
}

function block(f) {
  const k = f.block;
  const hdr = new common.BlockHeader();
  hdr.setNumber(k.number);
  hdr.setPreviousHash(b64(k.previousHash));
  hdr.setDataHash(b64(k.dataHash));
  const data = new common.BlockData();
  data.setDataList([envelope(f).serializeBinary()]);
  const lastConfig = new common.LastConfig();
  lastConfig.setIndex(k.lastConfigIndex);
  const ordererMetadata = new common.OrdererBlockMetadata();
  ordererMetadata.setLastConfig(lastConfig);
  ordererMetadata.setConsenterMetadata(b64(k.consenterMetadata));
  const signature = new common.MetadataSignature();
  signature.setSignatureHeader(signatureHeader(k.signer, k.signatureNonce));
  signature.setSignature(b64(k.signature));
  const signatures = new common.Metadata();
  signatures.setValue(ordererMetadata.serializeBinary());
  signatures.setSignaturesList([signature]);
  const lastConfigMetadata = new common.Metadata();
  lastConfigMetadata.setValue(lastConfig.serializeBinary());
  const metadata = new common.BlockMetadata();
  // Indexed by common.BlockMetadataIndex: SIGNATURES, LAST_CONFIG, TRANSACTIONS_FILTER, ORDERER, COMMIT_HASH.
  metadata.setMetadataList([signatures.serializeBinary(), lastConfigMetadata.serializeBinary(),
    b64(k.transactionsFilter), new Uint8Array(0), new Uint8Array(0)]);
  const blk = new common.Block();
  blk.setHeader(hdr);
  blk.setData(data);
  blk.setMetadata(metadata);
  return blk;
}

function build(f) {
  return {
    signedProposal: signedProposal(f).serializeBinary(),
    envelope: envelope(f).serializeBinary(),
    block: block(f).serializeBinary(),
  };
}

// ---- decoding into comparable trees ----

const u8 = (s) => new Uint8Array(Buffer.from(s, 'base64'));
const decode = (Type, bytes) => bytesAsBase64(Type.deserializeBinary(bytes instanceof Uint8Array ? bytes : u8(bytes)).toObject());

function decodeSignatureHeader(bytes) {
  const sh = decode(common.SignatureHeader, bytes);
  return { ...sh, creator: decode(msp.SerializedIdentity, sh.creator) };
}

function decodeHeader(h) {
  const ch = decode(common.ChannelHeader, h.channelHeader);
  return {
    channelHeader: { ...ch, extension: decode(peer.ChaincodeHeaderExtension, ch.extension) },
    signatureHeader: decodeSignatureHeader(h.signatureHeader),
  };
}

function decodeProposalPayload(bytes) {
  const p = decode(peer.ChaincodeProposalPayload, bytes);
  return { ...p, input: decode(peer.ChaincodeInvocationSpec, p.input) };
}

function decodeSignedProposal(bytes) {
  const sp = decode(peer.SignedProposal, bytes);
  const p = decode(peer.Proposal, sp.proposalBytes);
  return {
    signature: sp.signature,
    proposalBytes: { header: decodeHeader(decode(common.Header, p.header)), payload: decodeProposalPayload(p.payload), extension: p.extension },
  };
}

function decodeTxRwset(bytes) {
  const set = decode(rwset.TxReadWriteSet, bytes);
  return {
    ...set,
    nsRwsetList: set.nsRwsetList.map((ns) => ({
      ...ns,
      rwset: decode(kvrwset.KVRWSet, ns.rwset),
      collectionHashedRwsetList: ns.collectionHashedRwsetList.map((c) => ({ ...c, hashedRwset: decode(kvrwset.HashedRWSet, c.hashedRwset) })),
    })),
  };
}

function decodeEnvelope(bytes) {
  const env = decode(common.Envelope, bytes);
  const payload = decode(common.Payload, env.payload);
  const tx = decode(peer.Transaction, payload.data);
  const actions = tx.actionsList.map((a) => {
    const cap = decode(peer.ChaincodeActionPayload, a.payload);
    const prp = decode(peer.ProposalResponsePayload, cap.action.proposalResponsePayload);
    const action = decode(peer.ChaincodeAction, prp.extension);
    return {
      header: decodeSignatureHeader(a.header),
      payload: {
        chaincodeProposalPayload: decodeProposalPayload(cap.chaincodeProposalPayload),
        action: {
          proposalResponsePayload: {
            proposalHash: prp.proposalHash,
            extension: { ...action, results: decodeTxRwset(action.results), events: decode(peer.ChaincodeEvent, action.events) },
          },
          endorsementsList: cap.action.endorsementsList.map((e) => ({ ...e, endorser: decode(msp.SerializedIdentity, e.endorser) })),
        },
      },
    };
  });
  return { signature: env.signature, payload: { header: decodeHeader(payload.header), data: { actionsList: actions } } };
}

function decodeMetadata(bytes, ValueType) {
  const m = decode(common.Metadata, bytes);
  const value = decode(ValueType, m.value);
  return {
    value,
    signaturesList: m.signaturesList.map((s) => ({ ...s, signatureHeader: decodeSignatureHeader(s.signatureHeader) })),
  };
}

function decodeBlock(bytes) {
  const blk = decode(common.Block, bytes);
  const md = blk.metadata.metadataList;
  return {
    header: blk.header,
    data: { dataList: blk.data.dataList.map(decodeEnvelope) },
    metadata: {
      metadataList: [decodeMetadata(md[0], common.OrdererBlockMetadata), decodeMetadata(md[1], common.LastConfig), ...md.slice(2)],
    },
  };
}

const decoders = { signedProposal: decodeSignedProposal, envelope: decodeEnvelope, block: decodeBlock };

// Lists every path at which actual differs from expected.
function diff(expected, actual, path = '', out = []) {
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(expected) !== Array.isArray(actual)) {
      out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
      return out;
    }
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) diff(expected[key], actual[key], Array.isArray(expected) ? `${path}[${key}]` : `${path}.${key}`, out);
    return out;
  }
  if (expected !== actual) out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  return out;
}

module.exports = { build, decoders, diff };
