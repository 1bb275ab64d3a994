using System.Text.Json.Serialization;

namespace Fabricish.Samples.Certificates;

/// <summary>What a verifying firm learns: the status at the query's time and, for a known certificate, who issued
/// it and when it is valid.</summary>
public sealed class CertificateStatus
{
    public const string Valid = "valid";
    public const string Revoked = "revoked";
    public const string Expired = "expired";
    public const string NotYetValid = "not-yet-valid";
    public const string Unknown = "unknown";

    [JsonPropertyName("certificate_hash")]
    public required string CertificateHash { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("issuer_msp_id")]
    public string? IssuerMspId { get; init; }

    [JsonPropertyName("valid_from")]
    public DateTimeOffset? ValidFrom { get; init; }

    [JsonPropertyName("valid_until")]
    public DateTimeOffset? ValidUntil { get; init; }

    [JsonPropertyName("revoked_at")]
    public DateTimeOffset? RevokedAt { get; init; }

    [JsonPropertyName("revocation_reason")]
    public string? RevocationReason { get; init; }
}
