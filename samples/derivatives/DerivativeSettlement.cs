using System.Text.Json.Serialization;

namespace Fabricish.Samples.Derivatives;

/// <summary>How the instrument ended: the seller owes the buyer <see cref="Payoff"/> from the attested level.</summary>
// Amounts travel as strings: CouchDB keeps JSON numbers as doubles, which would round them and drop their scale.
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
public sealed class DerivativeSettlement
{
    [JsonPropertyName("level")]
    public required decimal Level { get; init; }

    [JsonPropertyName("observed_at")]
    public required DateTimeOffset ObservedAt { get; init; }

    [JsonPropertyName("payoff")]
    public required decimal Payoff { get; init; }

    [JsonPropertyName("knocked_out")]
    public required bool KnockedOut { get; init; }

    [JsonPropertyName("attestation_id")]
    public required string AttestationId { get; init; }

    [JsonPropertyName("settled_at")]
    public required DateTimeOffset SettledAt { get; init; }
}
