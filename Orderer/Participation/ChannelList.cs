using System.Text.Json.Serialization;

namespace Fabricish.Orderer.Participation;

/// <summary>Fabric's <c>types.ChannelList</c>; a v2.5 orderer without a system channel reports it as null.</summary>
internal sealed record ChannelList(
    [property: JsonPropertyName("channels")] IReadOnlyList<ChannelInfoShort> Channels,
    [property: JsonPropertyName("systemChannel")] ChannelInfoShort? SystemChannel);
