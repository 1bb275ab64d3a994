using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Peer.Tests.Events.Support;

/// <summary>Envelopes as Fabric clients build them (protoutil): endorser transactions whose chaincode action carries
/// a chaincode event (built by <see cref="EndorsedTransaction"/>), and signed DELIVER_SEEK_INFO requests.</summary>
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
        var results = new RwSet();
        foreach ((string key, string value) in writes ?? new Dictionary<string, string>())
        {
            results.Write(key, value);
        }

        var transaction = new EndorsedTransaction(TestNetwork.Shared.Org1Client, results.Build())
        {
            Event = eventName is null ? null : (eventName, eventPayload),
        };
        return (transaction.Build(), transaction.TxId);
    }

    public static Envelope Seek(
        SigningIdentity requester,
        SeekPosition start,
        SeekPosition stop,
        SeekInfo.Types.SeekBehavior behavior = SeekInfo.Types.SeekBehavior.BlockUntilReady,
        string channelId = TestNetwork.ChannelId,
        DateTimeOffset? timestamp = null)
    {
        var seek = new SeekInfo { Start = start, Stop = stop, Behavior = behavior };
        ByteString channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.DeliverSeekInfo,
            ChannelId = channelId,
            Timestamp = Timestamp.FromDateTimeOffset(timestamp ?? DateTimeOffset.UtcNow),
        }.ToByteString();
        ByteString signatureHeader = new SignatureHeader
        {
            Creator = ByteString.CopyFrom(requester.Serialize()),
            Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24)),
        }.ToByteString();
        return Signed(requester, channelHeader, signatureHeader, seek.ToByteString());
    }

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
