using System.Text.Json.Serialization;

namespace Fabricish.Peer.Admin;

/// <summary>The channels this peer serves, as <c>peer channel list</c> prints them, and those still opening.</summary>
internal sealed record PeerChannelList(
    [property: JsonPropertyName("channels")] IReadOnlyList<PeerChannelInfo> Channels);
