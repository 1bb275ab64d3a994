using DiscoveredPeer = Fabricish.Protos.Discovery.Peer;

namespace Fabricish.Peer.Discovery;

/// <summary>A live peer of a channel as discovery answers with it: its organisation, its signed envelopes and the
/// chaincodes its state info lists.</summary>
internal sealed record ChannelPeer(string MspId, DiscoveredPeer Peer, IReadOnlySet<string> Chaincodes)
{
    public static ChannelPeer Of(string mspId, DiscoveredPeer peer) => new(
        mspId, peer, PeerMessages.StateInfoOf(peer)?.Properties?.Chaincodes.Select(c => c.Name).ToHashSet(StringComparer.Ordinal) ?? []);

    public bool Runs(IEnumerable<string> chaincodes) => chaincodes.All(Chaincodes.Contains);
}
