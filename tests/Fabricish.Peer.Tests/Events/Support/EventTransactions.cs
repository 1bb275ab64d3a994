using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Peer.Tests.Events.Support;

/// <summary>Envelopes as Fabric clients build them (protoutil): endorser transactions whose chaincode action carries
/// a chaincode event, and signed DELIVER_SEEK_INFO requests.</summary>
internal static class EventTransactions
{
    public static SeekPosition Oldest => new() { Oldest = new SeekOldest() };

    public static SeekPosition Newest => new() { Newest = new SeekNewest() };

    public static SeekPosition NextCommit => new() { NextCommit = new SeekNextCommit() };

    public static SeekPosition At(ulong number) => new() { Specified = new SeekSpecified { Number = number } };

    /// <summary>An endorser transaction by Org1's client, endorsed by both peers, whose chaincode emits
    /// <paramref name="eventName"/> with <paramref name="eventPayload"/> (no event when the name is null).</summary>
    public static (Envelope Envelope, string TxId) Invoke(string? eventName, string eventPayload = "secret") => Invoke(eventName, eventPayload, writes: null);

    /// <summary>As <see cref="Invoke(string?, string)"/>, with the chaincode's simulation writing
    /// <paramref name="writes"/> (key → value) into its namespace.</summary>
    public static (Envelope Envelope, string TxId) Invoke(string? eventName, string eventPayload, IReadOnlyDictionary<string, string>? writes)
    {
        EventsTestNetwork network = EventsTestNetwork.Shared;
        SigningIdentity creator = network.Org1Client;
        byte[] nonce = RandomNumberGenerator.GetBytes(24);
        string txId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creator.Serialize()]));
        // The committer needs the invoked chaincode in the header extension; the event-only tests never validate.
        ByteString? extension = writes is null ? null : new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = EventsTestNetwork.Chaincode } }.ToByteString();
        ByteString channelHeader = ChannelHeaderBytes(HeaderType.EndorserTransaction, txId, extension: extension);
        ByteString signatureHeader = new SignatureHeader { Creator = ByteString.CopyFrom(creator.Serialize()), Nonce = ByteString.CopyFrom(nonce) }.ToByteString();
        ByteString proposalPayload = new ChaincodeProposalPayload { Input = ByteString.CopyFromUtf8("invoke") }.ToByteString();
        var action = new ChaincodeAction
        {
            Response = new Response { Status = 200 },
            ChaincodeId = new ChaincodeID { Name = EventsTestNetwork.Chaincode, Version = "1.0" },
        };
        if (writes is not null)
        {
            var kv = new Protos.Ledger.Rwset.Kvrwset.KVRWSet();
            kv.Writes.AddRange(writes.Select(w => new Protos.Ledger.Rwset.Kvrwset.KVWrite { Key = w.Key, Value = ByteString.CopyFromUtf8(w.Value) }));
            var results = new Protos.Ledger.Rwset.TxReadWriteSet { DataModel = Protos.Ledger.Rwset.TxReadWriteSet.Types.DataModel.Kv };
            results.NsRwset.Add(new Protos.Ledger.Rwset.NsReadWriteSet { Namespace = EventsTestNetwork.Chaincode, Rwset = kv.ToByteString() });
            action.Results = results.ToByteString();
        }
        if (eventName is not null)
        {
            action.Events = new ChaincodeEvent
            {
                ChaincodeId = EventsTestNetwork.Chaincode,
                TxId = txId,
                EventName = eventName,
                Payload = ByteString.CopyFromUtf8(eventPayload),
            }.ToByteString();
        }

        ByteString response = new ProposalResponsePayload
        {
            ProposalHash = ByteString.CopyFrom(SHA256.HashData([.. channelHeader.Span, .. signatureHeader.Span, .. proposalPayload.Span])),
            Extension = action.ToByteString(),
        }.ToByteString();
        var endorsed = new ChaincodeEndorsedAction { ProposalResponsePayload = response };
        foreach (SigningIdentity endorser in new[] { network.Org1Peer, network.Org2Peer })
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
        return (Signed(creator, channelHeader, signatureHeader, transaction.ToByteString()), txId);
    }

    public static Envelope Seek(
        SigningIdentity requester,
        SeekPosition start,
        SeekPosition stop,
        SeekInfo.Types.SeekBehavior behavior = SeekInfo.Types.SeekBehavior.BlockUntilReady,
        string channelId = EventsTestNetwork.ChannelId,
        DateTimeOffset? timestamp = null)
    {
        var seek = new SeekInfo { Start = start, Stop = stop, Behavior = behavior };
        ByteString channelHeader = ChannelHeaderBytes(HeaderType.DeliverSeekInfo, string.Empty, channelId, timestamp);
        ByteString signatureHeader = new SignatureHeader
        {
            Creator = ByteString.CopyFrom(requester.Serialize()),
            Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24)),
        }.ToByteString();
        return Signed(requester, channelHeader, signatureHeader, seek.ToByteString());
    }

    private static ByteString ChannelHeaderBytes(
        HeaderType type, string txId, string channelId = EventsTestNetwork.ChannelId, DateTimeOffset? timestamp = null, ByteString? extension = null) =>
        new ChannelHeader
        {
            Type = (int)type,
            ChannelId = channelId,
            TxId = txId,
            Timestamp = Timestamp.FromDateTimeOffset(timestamp ?? DateTimeOffset.UtcNow),
            Extension = extension ?? ByteString.Empty,
        }.ToByteString();

    private static Envelope Signed(SigningIdentity signer, ByteString channelHeader, ByteString signatureHeader, ByteString data)
    {
        ByteString payload = new Payload
        {
            Header = new Header { ChannelHeader = channelHeader, SignatureHeader = signatureHeader },
            Data = data,
        }.ToByteString();
        return new Envelope { Payload = payload, Signature = ByteString.CopyFrom(signer.Sign(payload.Span)) };
    }
}
