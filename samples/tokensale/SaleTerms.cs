using System.Text.Json.Serialization;

namespace Fabricish.Samples.TokenSale;

/// <summary>The sale as its issuer opened it, under key <c>sale~id</c>; written once, so buyers only read it.</summary>
public sealed class SaleTerms
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("issuer_msp_id")]
    public required string IssuerMspId { get; init; }

    [JsonPropertyName("symbol")]
    public required string Symbol { get; init; }

    /// <summary>Every token there will ever be; what the sale does not sell stays with the issuer.</summary>
    [JsonPropertyName("supply")]
    public required long Supply { get; init; }

    /// <summary>Price of one token in the sale's currency, paid off chain against the purchase's transaction id.</summary>
    [JsonPropertyName("price")]
    public required long Price { get; init; }

    [JsonPropertyName("hard_cap")]
    public required long HardCap { get; init; }

    [JsonPropertyName("soft_goal")]
    public required long SoftGoal { get; init; }

    [JsonPropertyName("opens")]
    public required DateTimeOffset Opens { get; init; }

    [JsonPropertyName("closes")]
    public required DateTimeOffset Closes { get; init; }

    /// <summary>How many counters the sold amount is split over; each holds at most its share of the hard cap.</summary>
    [JsonPropertyName("shards")]
    public required int Shards { get; init; }

    public long ShardCap(int shard) => (HardCap / Shards) + (shard < HardCap % Shards ? 1 : 0);
}
