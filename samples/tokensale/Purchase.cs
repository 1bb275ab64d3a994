using System.Text.Json.Serialization;

namespace Fabricish.Samples.TokenSale;

/// <summary>One purchase under <c>purchase~sale~buyer~txid</c>: a key of its own, so buyers never write the same key.</summary>
public sealed class Purchase
{
    [JsonPropertyName("buyer")]
    public required string Buyer { get; init; }

    [JsonPropertyName("tokens")]
    public required long Tokens { get; init; }

    [JsonPropertyName("paid")]
    public required long Paid { get; init; }

    [JsonPropertyName("shard")]
    public required int Shard { get; init; }

    [JsonPropertyName("tx_id")]
    public required string TxId { get; init; }

    [JsonPropertyName("refunded")]
    public bool Refunded { get; set; }
}
