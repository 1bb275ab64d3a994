using System.Text.Json.Serialization;

namespace Fabricish.Orderer.Participation;

/// <summary>Fabric's <c>types.ChannelInfoShort</c>: a channel's name and the URL of its details.</summary>
internal sealed record ChannelInfoShort(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("url")] string Url);
