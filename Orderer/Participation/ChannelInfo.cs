using System.Text.Json.Serialization;

namespace Fabricish.Orderer.Participation;

/// <summary>Fabric's <c>types.ChannelInfo</c>: one channel as the participation API reports it.</summary>
internal sealed record ChannelInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("consensusRelation")] string ConsensusRelation,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("height")] ulong Height);
