using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Peer.Tests.Committing.Support;

/// <summary>An endorser transaction as a Fabric client and endorsers build it (as the committer tests do): proposal
/// header, a ProposalResponsePayload over the proposal hash carrying the read-write set, one endorsement per endorser
/// over payload ‖ endorser, and the envelope signed by the client.</summary>
internal static class EndorsedTransaction
{
    /// <param name="reads">Keys read, with the version seen (null: absent).</param>
    public static Envelope Build(
        string channelId, SigningIdentity creator, IReadOnlyList<SigningIdentity> endorsers, IReadOnlyDictionary<string, string> writes, IReadOnlyDictionary<string, (ulong Block, ulong Tx)?>? reads = null)
    {
        var kv = new KVRWSet();
        foreach ((string key, (ulong Block, ulong Tx)? version) in reads ?? new Dictionary<string, (ulong, ulong)?>())
        {
            kv.Reads.Add(new KVRead { Key = key, Version = version is { } v ? new Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = v.Block, TxNum = v.Tx } : null });
        }

        foreach ((string key, string value) in writes)
        {
            kv.Writes.Add(new KVWrite { Key = key, Value = ByteString.CopyFromUtf8(value) });
        }

        var results = new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        results.NsRwset.Add(new NsReadWriteSet { Namespace = PeerTestNetwork.Chaincode, Rwset = kv.ToByteString() });

        byte[] nonce = RandomNumberGenerator.GetBytes(24);
        var chaincode = new ChaincodeID { Name = PeerTestNetwork.Chaincode };
        ByteString channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = channelId,
            TxId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creator.Serialize()])),
            Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Extension = new ChaincodeHeaderExtension { ChaincodeId = chaincode }.ToByteString(),
        }.ToByteString();
        ByteString signatureHeader = new SignatureHeader { Creator = ByteString.CopyFrom(creator.Serialize()), Nonce = ByteString.CopyFrom(nonce) }.ToByteString();
        var input = new ChaincodeInvocationSpec { ChaincodeSpec = new ChaincodeSpec { ChaincodeId = chaincode, Input = new ChaincodeInput() } };
        input.ChaincodeSpec.Input.Args.Add(ByteString.CopyFromUtf8("invoke"));
        ByteString proposalPayload = new ChaincodeProposalPayload { Input = input.ToByteString() }.ToByteString();
        byte[] proposalHash = SHA256.HashData([.. channelHeader.Span, .. signatureHeader.Span, .. proposalPayload.Span]);
        ByteString response = new ProposalResponsePayload
        {
            ProposalHash = ByteString.CopyFrom(proposalHash),
            Extension = new ChaincodeAction
            {
                Results = results.ToByteString(),
                Response = new Response { Status = 200 },
                ChaincodeId = new ChaincodeID { Name = PeerTestNetwork.Chaincode, Version = "1.0" },
            }.ToByteString(),
        }.ToByteString();
        var endorsed = new ChaincodeEndorsedAction { ProposalResponsePayload = response };
        foreach (SigningIdentity endorser in endorsers)
        {
            ByteString serialized = ByteString.CopyFrom(endorser.Serialize());
            endorsed.Endorsements.Add(new Endorsement { Endorser = serialized, Signature = ByteString.CopyFrom(endorser.Sign([.. response.Span, .. serialized.Span])) });
        }

        var transaction = new Transaction();
        transaction.Actions.Add(new TransactionAction
        {
            Header = signatureHeader,
            Payload = new ChaincodeActionPayload { ChaincodeProposalPayload = proposalPayload, Action = endorsed }.ToByteString(),
        });
        ByteString payload = new Payload
        {
            Header = new Header { ChannelHeader = channelHeader, SignatureHeader = signatureHeader },
            Data = transaction.ToByteString(),
        }.ToByteString();
        return new Envelope { Payload = payload, Signature = ByteString.CopyFrom(creator.Sign(payload.Span)) };
    }
}
