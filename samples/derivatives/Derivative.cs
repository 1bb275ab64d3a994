using System.Text.Json.Serialization;

namespace Fabricish.Samples.Derivatives;

/// <summary>The instrument's state under <c>derivative~id</c>: the agreed terms and their hash, who proposed and
/// accepted, the observations so far and, once matured, the settlement.</summary>
// Amounts travel as strings: CouchDB keeps JSON numbers as doubles, which would round them and drop their scale.
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
public sealed class Derivative
{
    public const string Proposed = "proposed";
    public const string Active = "active";
    public const string KnockedOut = "knocked-out";
    public const string Settled = "settled";

    [JsonPropertyName("terms")]
    public required DerivativeTerms Terms { get; init; }

    [JsonPropertyName("terms_hash")]
    public required string TermsHash { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; set; }

    [JsonPropertyName("proposed_by")]
    public required string ProposedBy { get; init; }

    [JsonPropertyName("accepted_by")]
    public string? AcceptedBy { get; set; }

    /// <summary>Variation margin the seller has posted in total (the last mark-to-market).</summary>
    [JsonPropertyName("margin_posted")]
    public decimal MarginPosted { get; set; }

    [JsonPropertyName("observations")]
    public List<DerivativeObservation> Observations { get; init; } = [];

    [JsonPropertyName("settlement")]
    public DerivativeSettlement? Settlement { get; set; }
}
