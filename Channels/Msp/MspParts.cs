using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto;
using Fabricish.Protos.Msp;

namespace Fabricish.Channels.Msp;

/// <summary>
/// A <c>FabricMSPConfig</c> checked and parsed into what <see cref="FabricMsp"/> works with, following
/// Fabric's MSP setup: CAs, intermediates that chain to a root, CRLs matched to the CA that signed
/// them, admin certificates, OU identifiers and NodeOUs pinned to their certifying chains.
/// </summary>
internal sealed class MspParts
{
    private MspParts(string name, CaPool cas)
    {
        Name = name;
        Cas = cas;
    }

    public string Name { get; }

    public CaPool Cas { get; }

    public List<(CaCertificate Issuer, RevocationList Crl)> Crls { get; } = [];

    public List<byte[]> Admins { get; } = [];

    public List<OuIdentifier> OuIdentifiers { get; } = [];

    public (NodeRole Role, OuIdentifier Ou)[] NodeOus { get; private set; } = [];

    public bool NodeOUsEnabled { get; private set; }

    public List<X509Certificate2> TlsRoots { get; } = [];

    public List<X509Certificate2> TlsIntermediates { get; } = [];

    public static (MspParts? Parts, string? Error) Build(FabricMSPConfig config)
    {
        if (string.IsNullOrEmpty(config.Name))
        {
            return (null, "the MSP name is empty");
        }

        if (config.CryptoConfig is { } crypto &&
            ((crypto.SignatureHashFamily is not ("" or "SHA2")) || (crypto.IdentityIdentifierHashFunction is not ("" or "SHA256"))))
        {
            return (null, $"crypto config {crypto.SignatureHashFamily}/{crypto.IdentityIdentifierHashFunction} is not supported; use SHA2/SHA256");
        }

        if (config.RootCerts.Count == 0)
        {
            return (null, "it has no root CA certificate");
        }

        var (roots, rootError) = ParseCas(config.RootCerts, isRoot: true, "root CA certificate");
        if (roots is null)
        {
            return (null, rootError);
        }

        var (intermediates, intermediateError) = ParseCas(config.IntermediateCerts, isRoot: false, "intermediate CA certificate");
        if (intermediates is null)
        {
            return (null, intermediateError);
        }

        var parts = new MspParts(config.Name, new CaPool(roots, intermediates));
        foreach (var intermediate in intermediates)
        {
            if (parts.Cas.ChainFrom(intermediate) is null)
            {
                return (null, $"intermediate CA certificate '{intermediate.Certificate.Subject}' does not chain to a root CA");
            }
        }

        string? error = parts.AddCrls(config) ?? parts.AddAdmins(config) ?? parts.AddOuIdentifiers(config)
            ?? parts.AddNodeOus(config.FabricNodeOus) ?? parts.AddTls(config);
        return error is null ? (parts, null) : (null, error);
    }

    private static (List<CaCertificate>? Cas, string? Error) ParseCas(IEnumerable<Google.Protobuf.ByteString> pems, bool isRoot, string what)
    {
        var cas = new List<CaCertificate>();
        foreach (var pem in pems)
        {
            var blocks = PemBlocks.Decode(pem.Span, "CERTIFICATE");
            if (blocks is null)
            {
                return (null, $"a {what} is not PEM");
            }

            foreach (byte[] der in blocks)
            {
                var (ca, error) = CaCertificate.TryCreate(der, isRoot, what);
                if (ca is null)
                {
                    return (null, error);
                }

                cas.Add(ca);
            }
        }

        return (cas, null);
    }

    private string? AddCrls(FabricMSPConfig config)
    {
        foreach (var pem in config.RevocationList)
        {
            var blocks = PemBlocks.Decode(pem.Span, "X509 CRL");
            if (blocks is null)
            {
                return "a revocation list is not PEM (X509 CRL)";
            }

            foreach (byte[] der in blocks)
            {
                var crl = RevocationList.TryParse(der);
                if (crl is null)
                {
                    return "a revocation list is not a valid X.509 CRL";
                }

                // A CRL counts only for the CA that signed it; one from a foreign CA is ignored, as in Fabric.
                var issuer = Cas.FindIssuer(crl.IssuerName.Span, crl.Signed);
                if (issuer is not null)
                {
                    Crls.Add((issuer, crl));
                }
            }
        }

        return null;
    }

    private string? AddAdmins(FabricMSPConfig config)
    {
        foreach (var pem in config.Admins)
        {
            var blocks = PemBlocks.Decode(pem.Span, "CERTIFICATE");
            if (blocks is null)
            {
                return "an admin certificate is not PEM";
            }

            Admins.AddRange(blocks);
        }

        return null;
    }

    private string? AddOuIdentifiers(FabricMSPConfig config)
    {
        foreach (var identifier in config.OrganizationalUnitIdentifiers)
        {
            var (ou, error) = ToOuIdentifier(identifier, "OU identifier");
            if (ou is null)
            {
                return error;
            }

            OuIdentifiers.Add(ou);
        }

        return null;
    }

    private string? AddNodeOus(FabricNodeOUs? nodeOus)
    {
        if (nodeOus is null || !nodeOus.Enable)
        {
            return null;
        }

        if (nodeOus.ClientOuIdentifier is null || nodeOus.PeerOuIdentifier is null)
        {
            return "NodeOUs are enabled but the client or peer OU identifier is missing";
        }

        var roles = new List<(NodeRole, OuIdentifier)>();
        foreach (var (role, identifier) in new[]
        {
            (NodeRole.Client, nodeOus.ClientOuIdentifier), (NodeRole.Peer, nodeOus.PeerOuIdentifier),
            (NodeRole.Admin, nodeOus.AdminOuIdentifier), (NodeRole.Orderer, nodeOus.OrdererOuIdentifier),
        })
        {
            if (identifier is null || string.IsNullOrEmpty(identifier.OrganizationalUnitIdentifier))
            {
                continue;
            }

            var (ou, error) = ToOuIdentifier(identifier, $"{role.OuName()} NodeOU");
            if (ou is null)
            {
                return error;
            }

            roles.Add((role, ou));
        }

        NodeOus = [.. roles];
        NodeOUsEnabled = true;
        return null;
    }

    private (OuIdentifier? Ou, string? Error) ToOuIdentifier(FabricOUIdentifier identifier, string what)
    {
        if (identifier.Certificate.IsEmpty)
        {
            return (new OuIdentifier(identifier.OrganizationalUnitIdentifier, null), null);
        }

        byte[]? der = PemBlocks.DecodeFirst(identifier.Certificate.Span, "CERTIFICATE");
        var ca = der is null ? null : Cas.Find(der);
        var chain = ca is null ? null : Cas.ChainFrom(ca);
        if (chain is null)
        {
            return (null, $"the certificate of the {what} '{identifier.OrganizationalUnitIdentifier}' is not one of the MSP's CA certificates");
        }

        return (new OuIdentifier(identifier.OrganizationalUnitIdentifier, CaPool.CertifiersIdentifier(chain)), null);
    }

    private string? AddTls(FabricMSPConfig config)
    {
        foreach (var (source, target, what) in new[]
        {
            (config.TlsRootCerts, TlsRoots, "TLS root CA certificate"),
            (config.TlsIntermediateCerts, TlsIntermediates, "TLS intermediate CA certificate"),
        })
        {
            foreach (var pem in source)
            {
                var blocks = PemBlocks.Decode(pem.Span, "CERTIFICATE");
                if (blocks is null)
                {
                    return $"a {what} is not PEM";
                }

                try
                {
                    target.AddRange(blocks.Select(X509CertificateLoader.LoadCertificate));
                }
                catch (CryptographicException e)
                {
                    return $"a {what} is not a valid X.509 certificate: {e.Message}";
                }
            }
        }

        return null;
    }
}
