using System.Text.Json.Serialization;

namespace Fabricish.Samples.Certificates;

/// <summary>A customer certificate as the consortium records it: hashes only, never the person's data. The
/// certificate's own SHA-256 is its key; <see cref="IssuerMspId"/> comes from the registering transaction's creator.</summary>
public sealed class CustomerCertificate
{
    [JsonPropertyName("certificate_hash")]
    public required string CertificateHash { get; init; }

    [JsonPropertyName("subject_id_hash")]
    public required string SubjectIdHash { get; init; }

    [JsonPropertyName("issuer_msp_id")]
    public required string IssuerMspId { get; init; }

    [JsonPropertyName("valid_from")]
    public required DateTimeOffset ValidFrom { get; init; }

    [JsonPropertyName("valid_until")]
    public required DateTimeOffset ValidUntil { get; init; }

    [JsonPropertyName("registered_at")]
    public required DateTimeOffset RegisteredAt { get; init; }

    [JsonPropertyName("revoked_at")]
    public DateTimeOffset? RevokedAt { get; set; }

    [JsonPropertyName("revocation_reason")]
    public string? RevocationReason { get; set; }

    [JsonPropertyName("docType")]
    public string DocType { get; init; } = "customerCertificate";
}
