using System.Text.Json;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Protos.Tests;

/// <summary>Parses messages that Fabric's official classes built from the fixture and checks every field at
/// every nesting level (each marshalled bytes field is parsed in turn) against the fixture.</summary>
internal static class CompatAssertions
{
    public static void SignedProposal(JsonElement f, ByteString bytes)
    {
        var signed = Peer.SignedProposal.Parser.ParseFrom(bytes);
        Assert.Equal(f.Bytes("proposalSignature"), signed.Signature);
        var proposal = Proposal.Parser.ParseFrom(signed.ProposalBytes);
        Header(f, Common.Header.Parser.ParseFrom(proposal.Header));
        ProposalPayload(f, proposal.Payload, withTransient: true);
        Assert.True(proposal.Extension.IsEmpty);
    }

    public static void Envelope(JsonElement f, ByteString bytes)
    {
        var envelope = Common.Envelope.Parser.ParseFrom(bytes);
        Assert.Equal(f.Bytes("envelopeSignature"), envelope.Signature);
        var payload = Payload.Parser.ParseFrom(envelope.Payload);
        Header(f, payload.Header);
        var transaction = Transaction.Parser.ParseFrom(payload.Data);
        TransactionAction action = Assert.Single(transaction.Actions);
        SignatureHeader(f.At("creator"), f.Bytes("nonce"), action.Header);

        var actionPayload = ChaincodeActionPayload.Parser.ParseFrom(action.Payload);
        ProposalPayload(f, actionPayload.ChaincodeProposalPayload, withTransient: false);
        IReadOnlyList<JsonElement> endorsements = f.Items("endorsements");
        Assert.Equal(endorsements.Count, actionPayload.Action.Endorsements.Count);
        for (int i = 0; i < endorsements.Count; i++)
        {
            Identity(endorsements[i], actionPayload.Action.Endorsements[i].Endorser);
            Assert.Equal(endorsements[i].Bytes("signature"), actionPayload.Action.Endorsements[i].Signature);
        }

        var responsePayload = ProposalResponsePayload.Parser.ParseFrom(actionPayload.Action.ProposalResponsePayload);
        Assert.Equal(f.Bytes("proposalHash"), responsePayload.ProposalHash);
        var chaincodeAction = ChaincodeAction.Parser.ParseFrom(responsePayload.Extension);
        JsonElement r = f.At("response");
        Assert.Equal(r.I32("status"), chaincodeAction.Response.Status);
        Assert.Equal(r.Str("message"), chaincodeAction.Response.Message);
        Assert.Equal(r.Bytes("payload"), chaincodeAction.Response.Payload);
        ChaincodeId(f, chaincodeAction.ChaincodeId, path: false, version: true);

        var chaincodeEvent = ChaincodeEvent.Parser.ParseFrom(chaincodeAction.Events);
        Assert.Equal(f.At("chaincode").Str("name"), chaincodeEvent.ChaincodeId);
        Assert.Equal(f.Str("txId"), chaincodeEvent.TxId);
        Assert.Equal(f.At("event").Str("eventName"), chaincodeEvent.EventName);
        Assert.Equal(f.At("event").Bytes("payload"), chaincodeEvent.Payload);

        CompatRwsetAssertions.TxReadWriteSet(f, chaincodeAction.Results);
    }

    public static void Block(JsonElement f, ByteString bytes)
    {
        JsonElement k = f.At("block");
        var block = Common.Block.Parser.ParseFrom(bytes);
        Assert.Equal(k.U64("number"), block.Header.Number);
        Assert.Equal(k.Bytes("previousHash"), block.Header.PreviousHash);
        Assert.Equal(k.Bytes("dataHash"), block.Header.DataHash);
        Envelope(f, Assert.Single(block.Data.Data));

        Assert.Equal(5, block.Metadata.Metadata.Count);
        var signatures = Metadata.Parser.ParseFrom(block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures]);
        var ordererMetadata = OrdererBlockMetadata.Parser.ParseFrom(signatures.Value);
        Assert.Equal(k.U64("lastConfigIndex"), ordererMetadata.LastConfig.Index);
        Assert.Equal(k.Bytes("consenterMetadata"), ordererMetadata.ConsenterMetadata);
        MetadataSignature signature = Assert.Single(signatures.Signatures);
        SignatureHeader(k.At("signer"), k.Bytes("signatureNonce"), signature.SignatureHeader);
        Assert.Equal(k.Bytes("signature"), signature.Signature);
        Assert.True(signature.IdentifierHeader.IsEmpty);

        var lastConfig = Metadata.Parser.ParseFrom(block.Metadata.Metadata[(int)BlockMetadataIndex.LastConfig]);
        Assert.Equal(k.U64("lastConfigIndex"), LastConfig.Parser.ParseFrom(lastConfig.Value).Index);
        Assert.Empty(lastConfig.Signatures);
        Assert.Equal(k.Bytes("transactionsFilter"), block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter]);
        Assert.True(block.Metadata.Metadata[(int)BlockMetadataIndex.Orderer].IsEmpty);
        Assert.True(block.Metadata.Metadata[(int)BlockMetadataIndex.CommitHash].IsEmpty);
    }

    private static void Identity(JsonElement expected, ByteString bytes)
    {
        var identity = SerializedIdentity.Parser.ParseFrom(bytes);
        Assert.Equal(expected.Str("mspId"), identity.Mspid);
        Assert.Equal(expected.Bytes("idBytes"), identity.IdBytes);
    }

    private static void SignatureHeader(JsonElement creator, ByteString nonce, ByteString bytes)
    {
        var header = Common.SignatureHeader.Parser.ParseFrom(bytes);
        Identity(creator, header.Creator);
        Assert.Equal(nonce, header.Nonce);
    }

    private static void ChaincodeId(JsonElement f, ChaincodeID id, bool path, bool version)
    {
        JsonElement cc = f.At("chaincode");
        Assert.Equal(path ? cc.Str("path") : string.Empty, id.Path);
        Assert.Equal(cc.Str("name"), id.Name);
        Assert.Equal(version ? cc.Str("version") : string.Empty, id.Version);
    }

    private static void Header(JsonElement f, Header header)
    {
        var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
        Assert.Equal((int)HeaderType.EndorserTransaction, channelHeader.Type);
        Assert.Equal(f.I32("channelHeaderVersion"), channelHeader.Version);
        Assert.Equal(f.At("timestamp").At("seconds").GetInt64(), channelHeader.Timestamp.Seconds);
        Assert.Equal(f.At("timestamp").I32("nanos"), channelHeader.Timestamp.Nanos);
        Assert.Equal(f.Str("channelId"), channelHeader.ChannelId);
        Assert.Equal(f.Str("txId"), channelHeader.TxId);
        Assert.Equal(f.U64("epoch"), channelHeader.Epoch);
        Assert.Equal(f.Bytes("tlsCertHash"), channelHeader.TlsCertHash);
        ChaincodeId(f, ChaincodeHeaderExtension.Parser.ParseFrom(channelHeader.Extension).ChaincodeId, path: false, version: false);
        SignatureHeader(f.At("creator"), f.Bytes("nonce"), header.SignatureHeader);
    }

    private static void ProposalPayload(JsonElement f, ByteString bytes, bool withTransient)
    {
        var payload = ChaincodeProposalPayload.Parser.ParseFrom(bytes);
        Assert.Equal(withTransient ? f.BytesMap("transient") : [], [.. payload.TransientMap]);
        ChaincodeSpec spec = ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input).ChaincodeSpec;
        Assert.Equal(f.At("chaincode").I32("type"), (int)spec.Type);
        ChaincodeId(f, spec.ChaincodeId, path: true, version: true);
        Assert.Equal(f.At("chaincode").I32("timeout"), spec.Timeout);
        Assert.Equal(f.Items("args").Select(a => ByteString.FromBase64(a.GetString()!)), spec.Input.Args);
        Assert.Equal(f.BytesMap("decorations"), [.. spec.Input.Decorations]);
        Assert.Equal(f.Bool("isInit"), spec.Input.IsInit);
    }
}
