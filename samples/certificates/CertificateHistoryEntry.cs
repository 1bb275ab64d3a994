using System.Text.Json.Serialization;

namespace Fabricish.Samples.Certificates;

/// <summary>One committed change of a certificate's record, as the ledger's history index returns it.</summary>
public sealed class CertificateHistoryEntry
{
    [JsonPropertyName("tx_id")]
    public required string TxId { get; init; }

    [JsonPropertyName("timestamp")]
    public DateTimeOffset? Timestamp { get; init; }

    [JsonPropertyName("certificate")]
    public CustomerCertificate? Certificate { get; init; }
}
