using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fabricish.Chaincode.Shim.Oracles;

/// <summary>One fact an oracle vouches for: the value of <see cref="Symbol"/> published by <see cref="Source"/> at
/// <see cref="ObservedAt"/>. The value is a decimal string so that every endorser reads exactly the signed digits.</summary>
public sealed class Observation
{
    [JsonPropertyName("source")]
    public required string Source { get; init; }

    [JsonPropertyName("symbol")]
    public required string Symbol { get; init; }

    [JsonPropertyName("value")]
    public required string Value { get; init; }

    [JsonPropertyName("observed_at")]
    public required DateTimeOffset ObservedAt { get; init; }

    /// <summary>The value as a decimal; an attestation whose value is not a plain decimal number never verifies.</summary>
    public decimal DecimalValue => decimal.Parse(Value, NumberStyles.Number, CultureInfo.InvariantCulture);

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this);

    /// <exception cref="FormatException">the bytes are not an observation with every field.</exception>
    public static Observation Parse(ReadOnlySpan<byte> json)
    {
        Observation? observation;
        try
        {
            observation = JsonSerializer.Deserialize<Observation>(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not an observation {{source, symbol, value, observed_at}}: {e.Message}", e);
        }

        if (observation is null || string.IsNullOrEmpty(observation.Source) || string.IsNullOrEmpty(observation.Symbol))
        {
            throw new FormatException("an observation needs a source, a symbol, a value and observed_at");
        }

        if (!decimal.TryParse(observation.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"the observed value '{observation.Value}' is not a decimal number");
        }

        return observation;
    }
}
