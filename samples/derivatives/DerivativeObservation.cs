using System.Text.Json.Serialization;

namespace Fabricish.Samples.Derivatives;

/// <summary>One scheduled observation: the attested level, the mark-to-market it gives and the variation margin
/// the seller posts (negative: margin returned).</summary>
// Amounts travel as strings: CouchDB keeps JSON numbers as doubles, which would round them and drop their scale.
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
public sealed class DerivativeObservation
{
    [JsonPropertyName("scheduled")]
    public required DateTimeOffset Scheduled { get; init; }

    [JsonPropertyName("observed_at")]
    public required DateTimeOffset ObservedAt { get; init; }

    [JsonPropertyName("level")]
    public required decimal Level { get; init; }

    [JsonPropertyName("mark_to_market")]
    public required decimal MarkToMarket { get; init; }

    [JsonPropertyName("variation_margin")]
    public required decimal VariationMargin { get; init; }

    [JsonPropertyName("attestation_id")]
    public required string AttestationId { get; init; }
}
