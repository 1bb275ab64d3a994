using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Benchmarks.Committing;

/// <summary>Builds endorser transactions as a Fabric client and its endorsers do (protoutil): proposal header, a
/// ProposalResponsePayload over the proposal hash carrying the read-write set, one endorsement per peer signed over
/// payload ‖ endorser, and the client-signed envelope; the same shape the committer tests build.</summary>
internal sealed class EndorsedTransactions(string channelId, string chaincode, SigningIdentity client, IReadOnlyList<SigningIdentity> endorsers)
{
    private readonly ByteString _creator = ByteString.CopyFrom(client.Serialize());
    private readonly ByteString[] _endorsers = [.. endorsers.Select(e => ByteString.CopyFrom(e.Serialize()))];

    /// <summary>Reads <paramref name="key"/> at <paramref name="readVersion"/> (none: the key must not exist) and
    /// writes <paramref name="value"/> to it.</summary>
    public Envelope ReadWrite(string key, (ulong Block, ulong Tx)? readVersion, ByteString value)
    {
        var kv = new KVRWSet();
        if (readVersion is { } v)
        {
            kv.Reads.Add(new KVRead { Key = key, Version = new Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = v.Block, TxNum = v.Tx } });
        }
        else
        {
            kv.Reads.Add(new KVRead { Key = key });
        }

        kv.Writes.Add(new KVWrite { Key = key, Value = value });
        var results = new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        results.NsRwset.Add(new NsReadWriteSet { Namespace = chaincode, Rwset = kv.ToByteString() });
        return Build(results);
    }

    private Envelope Build(TxReadWriteSet results)
    {
        byte[] nonce = RandomNumberGenerator.GetBytes(24);
        string txId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. _creator.Span]));
        ByteString channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = channelId,
            TxId = txId,
            Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Extension = new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = chaincode } }.ToByteString(),
        }.ToByteString();
        ByteString signatureHeader = new SignatureHeader { Creator = _creator, Nonce = ByteString.CopyFrom(nonce) }.ToByteString();
        var input = new ChaincodeInvocationSpec { ChaincodeSpec = new ChaincodeSpec { ChaincodeId = new ChaincodeID { Name = chaincode }, Input = new ChaincodeInput() } };
        input.ChaincodeSpec.Input.Args.Add(ByteString.CopyFromUtf8("TransferAsset"));
        ByteString proposalPayload = new ChaincodeProposalPayload { Input = input.ToByteString() }.ToByteString();
        byte[] proposalHash = SHA256.HashData([.. channelHeader.Span, .. signatureHeader.Span, .. proposalPayload.Span]);
        ByteString response = new ProposalResponsePayload
        {
            ProposalHash = ByteString.CopyFrom(proposalHash),
            Extension = new ChaincodeAction
            {
                Results = results.ToByteString(),
                Response = new Response { Status = 200 },
                ChaincodeId = new ChaincodeID { Name = chaincode, Version = "1.0" },
            }.ToByteString(),
        }.ToByteString();
        var endorsed = new ChaincodeEndorsedAction { ProposalResponsePayload = response };
        for (int i = 0; i < endorsers.Count; i++)
        {
            byte[] signature = endorsers[i].Sign([.. response.Span, .. _endorsers[i].Span]);
            endorsed.Endorsements.Add(new Endorsement { Endorser = _endorsers[i], Signature = ByteString.CopyFrom(signature) });
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
        return new Envelope { Payload = payload, Signature = ByteString.CopyFrom(client.Sign(payload.Span)) };
    }
}
