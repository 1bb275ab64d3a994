using DiscoveredPeer = Fabricish.Protos.Discovery.Peer;

namespace Fabricish.Peer.Discovery;

/// <summary>Another peer of a channel as its last verified answer described it, and when that answer came.</summary>
internal sealed record KnownPeer(string ChannelId, string MspId, string Address, DiscoveredPeer Peer, ulong Sequence, DateTimeOffset Seen);
