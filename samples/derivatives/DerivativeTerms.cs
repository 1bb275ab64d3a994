using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fabricish.Chaincode.Shim.Instruments;

namespace Fabricish.Samples.Derivatives;

/// <summary>What two counterparties agree: an up-and-out participation call on an index. At maturity the seller pays
/// the buyer <c>notional × participation × max(0, level / strike − 1)</c>, nothing once the index touched the
/// barrier on an observation. The oracle is named here, so both parties agree on whose attestations settle it.</summary>
// Amounts travel as strings: CouchDB keeps JSON numbers as doubles, which would round them and drop their scale.
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
public sealed class DerivativeTerms
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("buyer_msp_id")]
    public required string BuyerMspId { get; init; }

    [JsonPropertyName("seller_msp_id")]
    public required string SellerMspId { get; init; }

    [JsonPropertyName("notional")]
    public required decimal Notional { get; init; }

    [JsonPropertyName("currency")]
    public required string Currency { get; init; }

    /// <summary>The index symbol as the oracle publishes it, e.g. KOSPI200.</summary>
    [JsonPropertyName("underlying")]
    public required string Underlying { get; init; }

    [JsonPropertyName("strike")]
    public required decimal Strike { get; init; }

    [JsonPropertyName("participation")]
    public required decimal Participation { get; init; }

    /// <summary>Up-and-out barrier; none when null.</summary>
    [JsonPropertyName("barrier")]
    public decimal? Barrier { get; init; }

    [JsonPropertyName("observation_dates")]
    public required List<DateTimeOffset> ObservationDates { get; init; }

    [JsonPropertyName("maturity")]
    public required DateTimeOffset Maturity { get; init; }

    /// <summary>The registered oracle (see RegisterOracle) whose attestations observe and settle the instrument.</summary>
    [JsonPropertyName("oracle")]
    public required string Oracle { get; init; }

    [JsonPropertyName("max_attestation_age_seconds")]
    public required int MaxAttestationAgeSeconds { get; init; }

    [JsonPropertyName("legal_prose")]
    public required LegalProse LegalProse { get; init; }

    /// <summary>SHA-256 (hex) of the terms as stored: the counterparty accepts exactly this.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(this)));

    /// <summary>Null when the terms make sense; otherwise what is wrong.</summary>
    public string? Problem()
    {
        if (string.IsNullOrEmpty(Id) || Id.Contains('\u0000', StringComparison.Ordinal))
        {
            return "the terms need an id";
        }

        if (BuyerMspId == SellerMspId)
        {
            return $"buyer and seller must be different organizations, not both {BuyerMspId}";
        }

        if (Notional <= 0 || Strike <= 0 || Participation <= 0 || MaxAttestationAgeSeconds <= 0)
        {
            return "notional, strike, participation and max_attestation_age_seconds must be positive";
        }

        if (Barrier is { } barrier && barrier <= Strike)
        {
            return $"the up-and-out barrier {barrier} must lie above the strike {Strike}";
        }

        if (ObservationDates.Any(d => d >= Maturity) || !ObservationDates.SequenceEqual(ObservationDates.Order()))
        {
            return "observation dates must be in order and before the maturity";
        }

        return null;
    }
}
