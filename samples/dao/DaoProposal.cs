using System.Text.Json.Serialization;

namespace Fabricish.Samples.Dao;

/// <summary>A spending proposal under <c>proposal~id</c>. Votes live under their own keys (<c>vote~id~member</c>), so
/// members voting at once never write the same key; they are tallied once, at execution.</summary>
public sealed class DaoProposal
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("description")]
    public required string Description { get; init; }

    [JsonPropertyName("recipient")]
    public required string Recipient { get; init; }

    [JsonPropertyName("amount")]
    public required long Amount { get; init; }

    [JsonPropertyName("deadline")]
    public required DateTimeOffset Deadline { get; init; }

    [JsonPropertyName("proposer")]
    public required string Proposer { get; init; }

    [JsonPropertyName("executed")]
    public bool Executed { get; set; }

    [JsonPropertyName("yes")]
    public long Yes { get; set; }

    [JsonPropertyName("no")]
    public long No { get; set; }
}
