using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Msp;

/// <summary>
/// An X.509 MSP (Fabric's <c>bccspmsp</c>): validates identities against its root and intermediate CAs,
/// CRLs, validity period and OU rules, and matches them against policy principals.
/// Immutable once built, so one instance serves all threads.
/// </summary>
public sealed class FabricMsp
{
    /// <summary>MSPConfig.type for X.509 MSPs (Fabric's <c>FABRIC</c> provider type).</summary>
    public const int FabricMspType = 0;

    private readonly CaPool _cas;
    private readonly List<(CaCertificate Issuer, RevocationList Crl)> _crls;
    private readonly List<byte[]> _adminCertificates;
    private readonly List<OuIdentifier> _ouIdentifiers;
    private readonly (NodeRole Role, OuIdentifier Ou)[] _nodeOus;
    private readonly TimeProvider _time;

    private FabricMsp(MspParts parts, TimeProvider time)
    {
        MspId = parts.Name;
        _cas = parts.Cas;
        _crls = parts.Crls;
        _adminCertificates = parts.Admins;
        _ouIdentifiers = parts.OuIdentifiers;
        _nodeOus = parts.NodeOus;
        NodeOUsEnabled = parts.NodeOUsEnabled;
        TlsRootCertificates = parts.TlsRoots;
        TlsIntermediateCertificates = parts.TlsIntermediates;
        _time = time;
    }

    public string MspId { get; }

    /// <summary>Whether identities are classified client/peer/orderer/admin by their OU.</summary>
    public bool NodeOUsEnabled { get; }

    public IReadOnlyList<X509Certificate2> RootCertificates => _cas.Roots.ConvertAll(c => c.Certificate);

    public IReadOnlyList<X509Certificate2> IntermediateCertificates => _cas.Intermediates.ConvertAll(c => c.Certificate);

    public IReadOnlyList<X509Certificate2> TlsRootCertificates { get; }

    public IReadOnlyList<X509Certificate2> TlsIntermediateCertificates { get; }

    internal TimeProvider Time => _time;

    /// <summary>Builds an MSP from a channel's <c>MSPConfig</c>; the reason when it is unusable.</summary>
    public static MspSetupResult TryCreate(MSPConfig config, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Type != FabricMspType)
        {
            return MspSetupResult.Invalid($"MSP type {config.Type} is not supported; only X.509 (FABRIC, type 0) MSPs are");
        }

        FabricMSPConfig fabricConfig;
        try
        {
            fabricConfig = FabricMSPConfig.Parser.ParseFrom(config.Config);
        }
        catch (InvalidProtocolBufferException e)
        {
            return MspSetupResult.Invalid($"MSP config is not a valid FabricMSPConfig: {e.Message}");
        }

        return TryCreate(fabricConfig, timeProvider);
    }

    /// <summary>Builds an MSP from a <c>FabricMSPConfig</c>; the reason when it is unusable.</summary>
    public static MspSetupResult TryCreate(FabricMSPConfig config, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var (parts, error) = MspParts.Build(config);
        return parts is null
            ? MspSetupResult.Invalid($"MSP '{config.Name}': {error}")
            : MspSetupResult.Ok(new FabricMsp(parts, timeProvider ?? TimeProvider.System));
    }

    /// <summary>Builds an MSP from configuration known to be good (e.g. just loaded from disk);
    /// throws <see cref="InvalidOperationException"/> with the reason otherwise.</summary>
    public static FabricMsp Create(MSPConfig config, TimeProvider? timeProvider = null)
    {
        var result = TryCreate(config, timeProvider);
        return result.Msp ?? throw new InvalidOperationException(result.Error);
    }

    /// <summary>Deserialises and validates <c>msp.SerializedIdentity</c> bytes issued for this MSP.</summary>
    public IdentityResult DeserializeIdentity(ReadOnlySpan<byte> serializedIdentity)
    {
        SerializedIdentity parsed;
        try
        {
            parsed = SerializedIdentity.Parser.ParseFrom(serializedIdentity);
        }
        catch (InvalidProtocolBufferException)
        {
            return IdentityResult.Invalid("identity is not a valid SerializedIdentity");
        }

        if (parsed.Mspid != MspId)
        {
            return IdentityResult.Invalid($"identity is of MSP '{parsed.Mspid}', not '{MspId}'");
        }

        return Validate(parsed.IdBytes.Span, serializedIdentity.ToArray());
    }

    /// <summary>Parses the PEM certificate of an identity and validates it against this MSP.</summary>
    internal IdentityResult Validate(ReadOnlySpan<byte> idBytes, byte[] serialized)
    {
        byte[]? der = PemBlocks.DecodeFirst(idBytes, "CERTIFICATE");
        if (der is null)
        {
            return IdentityResult.Invalid($"identity of MSP '{MspId}' holds no PEM certificate");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException e)
        {
            return IdentityResult.Invalid($"identity of MSP '{MspId}' is not a valid X.509 certificate: {e.Message}");
        }

        var (identity, error) = ValidateCertificate(certificate, serialized);
        if (identity is null)
        {
            certificate.Dispose();
            return IdentityResult.Invalid(error!);
        }

        return IdentityResult.Ok(identity);
    }

    /// <summary>Null when the certificate is within its validity period now, else why not.</summary>
    internal string? CheckValidityPeriod(X509Certificate2 certificate) =>
        CheckValidityPeriod(
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));

    /// <summary>Null while the MSP's clock is within [<paramref name="notBefore"/>, <paramref name="notAfter"/>], else
    /// why not; for a cached identity, whose period was read from its certificate once.</summary>
    internal string? CheckValidityPeriod(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var now = _time.GetUtcNow();
        if (now > notAfter)
        {
            return $"certificate expired at {Format(notAfter)}";
        }

        return now < notBefore ? $"certificate is not valid before {Format(notBefore)}" : null;
    }

    internal bool IsInAdminCertificates(X509Certificate2 certificate)
    {
        var raw = certificate.RawDataMemory.Span;
        foreach (byte[] admin in _adminCertificates)
        {
            if (raw.SequenceEqual(admin))
            {
                return true;
            }
        }

        return false;
    }

    private (X509Identity? Identity, string? Error) ValidateCertificate(X509Certificate2 certificate, byte[] serialized)
    {
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is { CertificateAuthority: true })
        {
            return (null, "a CA certificate cannot be used as an identity");
        }

        if (!SignedObject.TryParse(certificate.RawDataMemory, out var signed))
        {
            return (null, "certificate is malformed");
        }

        var chain = _cas.ChainAbove(certificate.IssuerName.RawData, signed);
        if (chain is null)
        {
            return (null, $"certificate does not chain to a root CA of {MspId}");
        }

        string? timeError = CheckValidityPeriod(certificate);
        if (timeError is not null)
        {
            return (null, timeError);
        }

        string serial = RevocationList.NormalizeSerial(certificate.SerialNumberBytes.Span);
        foreach (var (issuer, crl) in _crls)
        {
            if (ReferenceEquals(issuer, chain[0]) && crl.Revokes(serial))
            {
                return (null, $"certificate serial {serial} is revoked by a CRL of {MspId}");
            }
        }

        var publicKey = certificate.GetECDsaPublicKey();
        if (publicKey is null)
        {
            return (null, "certificate does not hold an ECDSA public key");
        }

        byte[] certifiers = CaPool.CertifiersIdentifier(chain);
        var ous = OrganizationalUnitsOf(certificate);
        string? ouError = CheckOrganizationalUnits(ous, certifiers);
        if (ouError is not null)
        {
            publicKey.Dispose();
            return (null, ouError);
        }

        NodeRole? role = null;
        if (NodeOUsEnabled)
        {
            var (nodeRole, roleError) = ClassifyNodeRole(ous, certifiers);
            if (nodeRole is null)
            {
                publicKey.Dispose();
                return (null, roleError);
            }

            role = nodeRole;
        }

        bool isAdmin = IsInAdminCertificates(certificate) || role == NodeRole.Admin;
        return (new X509Identity(this, certificate, publicKey, serialized, role, isAdmin, ous, certifiers), null);
    }

    private string? CheckOrganizationalUnits(IReadOnlyList<string> ous, byte[] certifiers)
    {
        if (_ouIdentifiers.Count == 0)
        {
            return null;
        }

        foreach (string ou in ous)
        {
            foreach (var allowed in _ouIdentifiers)
            {
                if (allowed.Matches(ou, certifiers))
                {
                    return null;
                }
            }
        }

        return $"none of the identity's organizational units [{string.Join(", ", ous)}] is recognised by {MspId}";
    }

    private (NodeRole? Role, string? Error) ClassifyNodeRole(IReadOnlyList<string> ous, byte[] certifiers)
    {
        NodeRole? found = null;
        int count = 0;
        foreach (string ou in ous)
        {
            foreach (var (role, identifier) in _nodeOus)
            {
                if (identifier.OrganizationalUnit != ou)
                {
                    continue;
                }

                if (!identifier.Matches(ou, certifiers))
                {
                    return (null, $"the '{ou}' OU of the identity was not certified by the CA {MspId} names for it");
                }

                found = role;
                count++;
            }
        }

        return count switch
        {
            0 => (null, $"identity has no OU that resolves to a node role of {MspId} (client, peer, orderer or admin); OUs: [{string.Join(", ", ous)}]"),
            1 => (found, null),
            _ => (null, $"identity must be a client, a peer, an orderer or an admin of {MspId}, not a combination; OUs: [{string.Join(", ", ous)}]"),
        };
    }

    internal static List<string> OrganizationalUnitsOf(X509Certificate2 certificate)
    {
        var ous = new List<string>();
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == "2.5.4.11" && rdn.GetSingleElementValue() is { } ou)
            {
                ous.Add(ou);
            }
        }

        return ous;
    }

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
