using System.Text.Json.Serialization;

namespace Fabricish.Peer.Admin;

/// <summary>One joined channel as the admin API lists it: Fabric's <c>peer channel getinfo</c> height plus why the
/// channel is not committing, if it is not.</summary>
internal sealed record PeerChannelInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("height")] ulong Height,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("problems")] IReadOnlyList<string> Problems);
