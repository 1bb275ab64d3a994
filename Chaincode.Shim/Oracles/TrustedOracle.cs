using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;

namespace Fabricish.Chaincode.Shim.Oracles;

/// <summary>An oracle as a chaincode trusts it: a named X.509 identity (certificate common name) of an
/// organization of the channel, together with the root certificate of that organization's CA. The root is pinned
/// in the chaincode's own state (see <see cref="OracleRegistry"/>) because a chaincode cannot read the channel
/// configuration deterministically; registration proves the root is the organization's.</summary>
public sealed class TrustedOracle
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("msp_id")]
    public required string MspId { get; init; }

    [JsonPropertyName("common_name")]
    public required string CommonName { get; init; }

    [JsonPropertyName("root_certificate")]
    public required string RootCertificatePem { get; init; }

    /// <summary>Null when <paramref name="certificate"/> is this oracle's identity at <paramref name="at"/>
    /// (its common name, issued under the pinned root and valid then); otherwise why not.</summary>
    public string? WhyNotIssuedTo(X509Certificate2 certificate, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        string commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (commonName != CommonName)
        {
            return $"the certificate is {commonName}'s, not the oracle {Name}'s ({CommonName} of {MspId})";
        }

        string? chainError = ChainError(certificate, RootCertificatePem, at);
        return chainError is null ? null : $"the certificate of {commonName} does not chain to {MspId}'s root pinned for the oracle {Name}: {chainError}";
    }

    /// <summary>Null when <paramref name="certificate"/> chains to <paramref name="rootPem"/> at
    /// <paramref name="at"/>. Everything an endorser needs is in the arguments: no system store, no download, no
    /// revocation lookup, the transaction's time instead of the clock — so every endorser reaches the same answer.</summary>
    public static string? ChainError(X509Certificate2 certificate, string rootPem, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using X509Certificate2 root = X509Certificate2.CreateFromPem(rootPem);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (chain.Build(certificate))
        {
            return null;
        }

        return string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
    }
}
