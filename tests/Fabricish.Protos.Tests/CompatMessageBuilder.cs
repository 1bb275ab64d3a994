using System.Text.Json;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Protos.Tests;

/// <summary>Builds the fixture's SignedProposal, endorser-transaction Envelope and Block with Fabricish's
/// generated classes, mirroring <c>tools/node/compat/fabric-messages.js</c> field for field.</summary>
internal static class CompatMessageBuilder
{
    public static SignedProposal SignedProposal(JsonElement f)
    {
        var proposal = new Proposal
        {
            Header = Header(f).ToByteString(),
            Payload = ProposalPayload(f, withTransient: true),
        };
        return new SignedProposal { ProposalBytes = proposal.ToByteString(), Signature = f.Bytes("proposalSignature") };
    }

    public static Envelope Envelope(JsonElement f)
    {
        var endorsed = new ChaincodeEndorsedAction { ProposalResponsePayload = ProposalResponsePayload(f) };
        foreach (JsonElement e in f.Items("endorsements"))
        {
            endorsed.Endorsements.Add(new Endorsement { Endorser = Identity(e), Signature = e.Bytes("signature") });
        }

        var actionPayload = new ChaincodeActionPayload
        {
            ChaincodeProposalPayload = ProposalPayload(f, withTransient: false),
            Action = endorsed,
        };
        var transaction = new Transaction();
        transaction.Actions.Add(new TransactionAction
        {
            Header = SignatureHeader(f.At("creator"), f.Bytes("nonce")),
            Payload = actionPayload.ToByteString(),
        });
        var payload = new Payload { Header = Header(f), Data = transaction.ToByteString() };
        return new Envelope { Payload = payload.ToByteString(), Signature = f.Bytes("envelopeSignature") };
    }

    public static Block Block(JsonElement f)
    {
        JsonElement k = f.At("block");
        var lastConfig = new LastConfig { Index = k.U64("lastConfigIndex") };
        var ordererMetadata = new OrdererBlockMetadata { LastConfig = lastConfig, ConsenterMetadata = k.Bytes("consenterMetadata") };
        var signatures = new Metadata { Value = ordererMetadata.ToByteString() };
        signatures.Signatures.Add(new MetadataSignature
        {
            SignatureHeader = SignatureHeader(k.At("signer"), k.Bytes("signatureNonce")),
            Signature = k.Bytes("signature"),
        });
        var block = new Block
        {
            Header = new BlockHeader { Number = k.U64("number"), PreviousHash = k.Bytes("previousHash"), DataHash = k.Bytes("dataHash") },
            Data = new BlockData(),
            Metadata = new BlockMetadata(),
        };
        block.Data.Data.Add(Envelope(f).ToByteString());
        block.Metadata.Metadata.Add(signatures.ToByteString());
        block.Metadata.Metadata.Add(new Metadata { Value = lastConfig.ToByteString() }.ToByteString());
        block.Metadata.Metadata.Add(k.Bytes("transactionsFilter"));
        block.Metadata.Metadata.Add(ByteString.Empty);
        block.Metadata.Metadata.Add(ByteString.Empty);
        return block;
    }

    private static ByteString Identity(JsonElement id) =>
        new SerializedIdentity { Mspid = id.Str("mspId"), IdBytes = id.Bytes("idBytes") }.ToByteString();

    private static ByteString SignatureHeader(JsonElement creator, ByteString nonce) =>
        new SignatureHeader { Creator = Identity(creator), Nonce = nonce }.ToByteString();

    private static ChaincodeID ChaincodeId(JsonElement f, bool path, bool version)
    {
        JsonElement cc = f.At("chaincode");
        var id = new ChaincodeID { Name = cc.Str("name") };
        if (path)
        {
            id.Path = cc.Str("path");
        }

        if (version)
        {
            id.Version = cc.Str("version");
        }

        return id;
    }

    private static Header Header(JsonElement f)
    {
        JsonElement ts = f.At("timestamp");
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            Version = f.I32("channelHeaderVersion"),
            Timestamp = new Timestamp { Seconds = ts.At("seconds").GetInt64(), Nanos = ts.I32("nanos") },
            ChannelId = f.Str("channelId"),
            TxId = f.Str("txId"),
            Epoch = f.U64("epoch"),
            Extension = new ChaincodeHeaderExtension { ChaincodeId = ChaincodeId(f, path: false, version: false) }.ToByteString(),
            TlsCertHash = f.Bytes("tlsCertHash"),
        };
        return new Header
        {
            ChannelHeader = channelHeader.ToByteString(),
            SignatureHeader = SignatureHeader(f.At("creator"), f.Bytes("nonce")),
        };
    }

    private static ByteString ProposalPayload(JsonElement f, bool withTransient)
    {
        JsonElement cc = f.At("chaincode");
        var input = new ChaincodeInput { IsInit = f.Bool("isInit") };
        input.Args.AddRange(f.Items("args").Select(a => ByteString.FromBase64(a.GetString()!)));
        foreach ((string key, ByteString value) in f.BytesMap("decorations"))
        {
            input.Decorations.Add(key, value);
        }

        var spec = new ChaincodeSpec
        {
            Type = (ChaincodeSpec.Types.Type)cc.I32("type"),
            ChaincodeId = ChaincodeId(f, path: true, version: true),
            Input = input,
            Timeout = cc.I32("timeout"),
        };
        var payload = new ChaincodeProposalPayload { Input = new ChaincodeInvocationSpec { ChaincodeSpec = spec }.ToByteString() };
        if (withTransient)
        {
            foreach ((string key, ByteString value) in f.BytesMap("transient"))
            {
                payload.TransientMap.Add(key, value);
            }
        }

        return payload.ToByteString();
    }

    private static ByteString ProposalResponsePayload(JsonElement f)
    {
        JsonElement r = f.At("response");
        JsonElement ev = f.At("event");
        var action = new ChaincodeAction
        {
            Results = CompatRwsetBuilder.TxReadWriteSet(f).ToByteString(),
            Events = new ChaincodeEvent
            {
                ChaincodeId = f.At("chaincode").Str("name"),
                TxId = f.Str("txId"),
                EventName = ev.Str("eventName"),
                Payload = ev.Bytes("payload"),
            }.ToByteString(),
            Response = new Response { Status = r.I32("status"), Message = r.Str("message"), Payload = r.Bytes("payload") },
            ChaincodeId = ChaincodeId(f, path: false, version: true),
        };
        return new ProposalResponsePayload { ProposalHash = f.Bytes("proposalHash"), Extension = action.ToByteString() }.ToByteString();
    }
}
