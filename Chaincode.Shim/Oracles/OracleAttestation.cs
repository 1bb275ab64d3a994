using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fabricish.Chaincode.Shim.Oracles;

/// <summary>A signed observation as a client attaches it to a proposal (one transaction argument, JSON):
/// the observation's exact bytes, the oracle's MSP ID and PEM certificate, and a DER ECDSA signature over
/// SHA-256 of those bytes, the scheme Fabric identities sign proposals with. Signing the bytes rather than a
/// re-serialisation means endorsers never depend on a canonical JSON form.</summary>
public sealed class OracleAttestation
{
    [JsonPropertyName("observation")]
    public required string ObservationBase64 { get; init; }

    [JsonPropertyName("msp_id")]
    public required string MspId { get; init; }

    [JsonPropertyName("certificate")]
    public required string CertificatePem { get; init; }

    [JsonPropertyName("signature")]
    public required string SignatureBase64 { get; init; }

    /// <summary>Hex SHA-256 of the signed observation bytes: what replay protection records.</summary>
    [JsonIgnore]
    public string Id => Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(ObservationBase64)));

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Signs <paramref name="observation"/> as the identity <paramref name="certificate"/> of
    /// <paramref name="mspId"/>, whose private key is <paramref name="key"/>.</summary>
    public static OracleAttestation Sign(Observation observation, string mspId, X509Certificate2 certificate, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentException.ThrowIfNullOrEmpty(mspId);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(key);
        byte[] bytes = observation.ToUtf8Json();
        return new OracleAttestation
        {
            ObservationBase64 = Convert.ToBase64String(bytes),
            MspId = mspId,
            CertificatePem = certificate.ExportCertificatePem(),
            SignatureBase64 = Convert.ToBase64String(key.SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)),
        };
    }

    /// <exception cref="FormatException">the text is not an attestation with every field.</exception>
    public static OracleAttestation Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        OracleAttestation? attestation;
        try
        {
            attestation = JsonSerializer.Deserialize<OracleAttestation>(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not an oracle attestation {{observation, msp_id, certificate, signature}}: {e.Message}", e);
        }

        if (attestation is null || !IsBase64(attestation.ObservationBase64) || !IsBase64(attestation.SignatureBase64)
            || string.IsNullOrEmpty(attestation.MspId) || string.IsNullOrEmpty(attestation.CertificatePem))
        {
            throw new FormatException("an oracle attestation needs a base64 observation and signature, an msp_id and a PEM certificate");
        }

        return attestation;
    }

    /// <summary>The observation as signed; not yet verified.</summary>
    public Observation ReadObservation() => Observation.Parse(Convert.FromBase64String(ObservationBase64));

    private static bool IsBase64(string? text) =>
        !string.IsNullOrEmpty(text) && Convert.TryFromBase64String(text, new byte[text.Length], out _);
}
