using System.Security.Cryptography;
using System.Text;
using Fabricish.Protos.Gossip;
using Fabricish.Protos.Msp;
using Google.Protobuf;
using DiscoveredPeer = Fabricish.Protos.Discovery.Peer;

namespace Fabricish.Peer.Discovery;

/// <summary>Fabric's gossip identifiers and the envelopes a peer signs about itself: the PKI-ID (SHA-256 of the MSP ID
/// followed by the certificate bytes, as Fabric's identity mapper computes it), the channel MAC (SHA-256 of PKI-ID
/// and channel name), and alive / state-info GossipMessages signed by the peer, which discovery hands out verbatim
/// and fabric-common decodes (endpoint from the alive message, ledger height and chaincodes from the state info).</summary>
internal static class PeerMessages
{
    public static ByteString PkiId(ByteString serializedIdentity)
    {
        SerializedIdentity identity = SerializedIdentity.Parser.ParseFrom(serializedIdentity);
        byte[] mspId = Encoding.UTF8.GetBytes(identity.Mspid);
        byte[] joined = new byte[mspId.Length + identity.IdBytes.Length];
        mspId.CopyTo(joined, 0);
        identity.IdBytes.Span.CopyTo(joined.AsSpan(mspId.Length));
        return ByteString.CopyFrom(SHA256.HashData(joined));
    }

    public static ByteString ChannelMac(ByteString pkiId, string channelId)
    {
        byte[] channel = Encoding.UTF8.GetBytes(channelId);
        byte[] joined = new byte[pkiId.Length + channel.Length];
        pkiId.Span.CopyTo(joined);
        channel.CopyTo(joined, pkiId.Length);
        return ByteString.CopyFrom(SHA256.HashData(joined));
    }

    public static GossipMessage Alive(string endpoint, ByteString pkiId, ByteString identity, PeerTime time) => new()
    {
        Tag = GossipMessage.Types.Tag.Empty,
        AliveMsg = new AliveMessage
        {
            Membership = new Member { Endpoint = endpoint, PkiId = pkiId },
            Timestamp = time,
            Identity = identity,
        },
    };

    public static GossipMessage StateInfo(string channelId, ByteString pkiId, PeerTime time, ulong ledgerHeight, IEnumerable<Chaincode> chaincodes)
    {
        var properties = new Properties { LedgerHeight = ledgerHeight };
        properties.Chaincodes.AddRange(chaincodes);
        return new GossipMessage
        {
            Tag = GossipMessage.Types.Tag.ChanOrOrg,
            StateInfo = new StateInfo { Timestamp = time, PkiId = pkiId, ChannelMAC = ChannelMac(pkiId, channelId), Properties = properties },
        };
    }

    public static Envelope Sign(GossipMessage message, Func<byte[], byte[]> sign)
    {
        byte[] payload = message.ToByteArray();
        return new Envelope { Payload = ByteString.CopyFrom(payload), Signature = ByteString.CopyFrom(sign(payload)) };
    }

    /// <summary>The state info a discovered peer carries, or null when it has none or it does not parse.</summary>
    public static StateInfo? StateInfoOf(DiscoveredPeer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (peer.StateInfo is null)
        {
            return null;
        }

        try
        {
            return GossipMessage.Parser.ParseFrom(peer.StateInfo.Payload).StateInfo;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>The endpoint a discovered peer's alive message names, or null.</summary>
    public static string? EndpointOf(DiscoveredPeer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        try
        {
            return peer.MembershipInfo is null ? null : GossipMessage.Parser.ParseFrom(peer.MembershipInfo.Payload).AliveMsg?.Membership?.Endpoint;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
