using DiscoveredPeer = Fabricish.Protos.Discovery.Peer;

namespace Fabricish.Peer.Discovery;

/// <summary>Another peer of a channel as its last verified answer described it, and when that answer came.</summary>
/// <param name="Incarnation">Its state info's <c>PeerTime.inc_num</c>: a new value each time the peer process starts.</param>
/// <param name="Sequence">Its state info's <c>PeerTime.seq_num</c>, counting up within one incarnation.</param>
internal sealed record KnownPeer(string ChannelId, string MspId, string Address, DiscoveredPeer Peer, ulong Incarnation, ulong Sequence, DateTimeOffset Seen)
{
    /// <summary>Which of two answers from the same address stands: the candidate unless the previous one is of the same
    /// identity and later in gossip's order (incarnation, then sequence). A restarted peer starts its sequence again
    /// under a new incarnation, so comparing sequences alone would keep its pre-restart answer until it expires.</summary>
    public static KnownPeer Latest(KnownPeer previous, KnownPeer candidate)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(candidate);
        bool previousIsLater = (previous.Incarnation, previous.Sequence).CompareTo((candidate.Incarnation, candidate.Sequence)) > 0;
        return previousIsLater && previous.Peer.Identity == candidate.Peer.Identity ? previous : candidate;
    }
}
