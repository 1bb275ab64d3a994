using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Discovery;
using Fabricish.Protos.Gossip;
using Google.Protobuf;
using DiscoveredPeer = Fabricish.Protos.Discovery.Peer;

namespace Fabricish.Peer.Discovery;

/// <summary>
/// One membership probe and the checks of its answer. The question is signed by this peer (the answering peer checks
/// it against the channel's Readers policy); the answer is believed only when its identity is a valid member of the
/// organisation the address was listed for on this channel, both envelopes verify under that identity, the alive
/// message carries the identity's PKI-ID and the state info the channel's MAC for it.
/// </summary>
internal static class AliveProbe
{
    public static SignedAliveQuery Question(string channelId, SigningIdentity signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        byte[] payload = new AliveQuery { Channel = channelId, Identity = ByteString.CopyFrom(signer.Serialize()) }.ToByteArray();
        return new SignedAliveQuery { Payload = ByteString.CopyFrom(payload), Signature = ByteString.CopyFrom(signer.Sign(payload)) };
    }

    /// <returns>The verified peer and the sequence of its state info, or null with <paramref name="problem"/>.</returns>
    public static (DiscoveredPeer Peer, ulong Incarnation, ulong Sequence)? Check(AliveAnswer answer, string mspId, ChannelConfig config, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(config);
        problem = null;
        if (answer.Peer is not { } peer)
        {
            problem = string.IsNullOrEmpty(answer.Error) ? "the answer names no peer" : answer.Error;
            return null;
        }

        IdentityResult identity = config.Msps.Deserialize(peer.Identity.Span);
        if (identity.Identity is not { } verified)
        {
            problem = $"its identity is not valid on channel {config.ChannelId}: {identity.Error}";
            return null;
        }

        if (verified.MspId != mspId)
        {
            problem = $"its identity belongs to {verified.MspId}, not to {mspId}";
            return null;
        }

        if (peer.MembershipInfo is null || peer.StateInfo is null
            || !verified.Verify(peer.MembershipInfo.Payload.Span, peer.MembershipInfo.Signature.Span)
            || !verified.Verify(peer.StateInfo.Payload.Span, peer.StateInfo.Signature.Span))
        {
            problem = "its alive or state-info envelope is missing or not signed by its identity";
            return null;
        }

        ByteString pkiId = PeerMessages.PkiId(peer.Identity);
        try
        {
            AliveMessage? alive = GossipMessage.Parser.ParseFrom(peer.MembershipInfo.Payload).AliveMsg;
            StateInfo? state = GossipMessage.Parser.ParseFrom(peer.StateInfo.Payload).StateInfo;
            if (alive?.Membership is null || alive.Membership.PkiId != pkiId || state?.Properties is null || state.PkiId != pkiId
                || state.ChannelMAC != PeerMessages.ChannelMac(pkiId, config.ChannelId))
            {
                problem = $"its alive or state-info message does not describe it on channel {config.ChannelId}";
                return null;
            }

            return (peer, state.Timestamp?.IncNum ?? 0, state.Timestamp?.SeqNum ?? 0);
        }
        catch (InvalidProtocolBufferException e)
        {
            problem = $"its alive or state-info message does not parse: {e.Message}";
            return null;
        }
    }
}
