using System.Security.Cryptography.X509Certificates;

namespace Fabricish.Channels.Crypto.Tls;

/// <summary>
/// Decides whether the certificate the other side of a TLS handshake presented is acceptable: it must chain to one of
/// the given roots only (never the machine's store, <see cref="X509ChainTrustMode.CustomRootTrust"/>), using the
/// intermediates the peer sent or the trust names, and, for a server, carry the host name the client dialled.
/// Revocation is not checked online: Fabric checks TLS CRLs only through MSP configuration, not on connections.
/// </summary>
public static class TlsCertificateCheck
{
    /// <param name="presentedChain">The chain the TLS stack received, whose extra certificates may be intermediates.</param>
    /// <param name="expectedHost">The server name to match (DNS name or IP address); null for a client certificate.</param>
    /// <returns>Null when trusted, otherwise why not.</returns>
    public static string? Problem(X509Certificate? presented, X509Chain? presentedChain, TlsTrust trust, string? expectedHost)
    {
        ArgumentNullException.ThrowIfNull(trust);
        if (presented is null)
        {
            return "no certificate was presented";
        }

        if (trust.Roots.Count == 0)
        {
            return "no TLS root certificate is trusted";
        }

        using X509Certificate2 leaf = new(presented);
        if (expectedHost is not null && !leaf.MatchesHostname(expectedHost))
        {
            return $"certificate '{leaf.Subject}' is not valid for '{expectedHost}'";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(trust.Roots.ToArray());
        chain.ChainPolicy.ExtraStore.AddRange(trust.Intermediates.ToArray());
        if (presentedChain is not null)
        {
            foreach (X509ChainElement element in presentedChain.ChainElements)
            {
                if (!element.Certificate.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span))
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }
        }

        if (chain.Build(leaf))
        {
            return null;
        }

        string status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        return $"certificate '{leaf.Subject}' does not chain to a trusted TLS root CA{(status.Length > 0 ? ": " + status : string.Empty)}";
    }
}
