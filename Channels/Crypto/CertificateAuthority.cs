using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Msp;

namespace Fabricish.Channels.Crypto;

/// <summary>
/// A P-256 certificate authority shaped like cryptogen's: self-signed (or issued by a parent for an
/// intermediate), SHA-256 subject key identifiers over the public point, ten-year default validity.
/// Issues leaf identities with a NodeOU role, TLS certificates, intermediates and CRLs.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(3650);

    private readonly TimeProvider _time;
    private readonly byte[] _subjectKeyId;

    private CertificateAuthority(CaSubject subject, X509Certificate2 certificate, ECDsa key, TimeProvider time)
    {
        Subject = subject;
        Certificate = certificate;
        Key = key;
        _time = time;
        _subjectKeyId = SubjectKeyId(key);
    }

    public CaSubject Subject { get; }

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 Certificate { get; }

    public ECDsa Key { get; }

    /// <summary>The CA's common name, e.g. <c>ca.org1.example.com</c>.</summary>
    public string Name => Subject.CommonName;

    public string CertificatePem => Certificate.ExportCertificatePem() + "\n";

    /// <summary>Creates a self-signed root CA with a fresh P-256 key.</summary>
    public static CertificateAuthority CreateRoot(
        CaSubject subject,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var time = timeProvider ?? TimeProvider.System;
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (from, to) = Window(time, notBefore, notAfter);
        var name = subject.ToDistinguishedName();
        var request = CaRequest(name, key);
        byte[] ski = SubjectKeyId(key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(ski));
        var certificate = request.Create(name, X509SignatureGenerator.CreateForECDsa(key), from, to, NewSerial());
        return new CertificateAuthority(subject, certificate, key, time);
    }

    /// <summary>Loads a CA from its certificate and key PEM files (e.g. cryptogen's <c>ca/</c> folder).</summary>
    public static CertificateAuthority Load(CaSubject subject, string certificatePem, string keyPem, TimeProvider? timeProvider = null)
    {
        var certificate = X509Certificate2.CreateFromPem(certificatePem);
        return new CertificateAuthority(subject, certificate, KeyPem.Read(keyPem), timeProvider ?? TimeProvider.System);
    }

    /// <summary>Issues an intermediate CA certificate under this CA.</summary>
    public CertificateAuthority CreateIntermediate(CaSubject subject, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (from, to) = Window(_time, notBefore, notAfter);
        var request = CaRequest(subject.ToDistinguishedName(), key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(_subjectKeyId));
        var certificate = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(Key), from, to, NewSerial());
        return new CertificateAuthority(subject, certificate, key, _time);
    }

    /// <summary>Issues a leaf certificate for a fresh P-256 key.</summary>
    public IssuedCertificate Issue(CertificateProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (from, to) = Window(_time, profile.NotBefore, profile.NotAfter);
        var ous = profile.Role is { } role ? profile.OrganizationalUnits.Prepend(role.OuName()) : profile.OrganizationalUnits;
        var request = new CertificateRequest(Subject.LeafName(profile.CommonName, ous), key, HashAlgorithmName.SHA256);
        var usage = profile.ForTls
            ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment
            : X509KeyUsageFlags.DigitalSignature;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        if (profile.ForTls)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        }

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(SubjectKeyId(key), critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(_subjectKeyId));
        if (profile.DnsNames.Count > 0 || profile.IpAddresses.Count > 0)
        {
            var sans = new SubjectAlternativeNameBuilder();
            foreach (string dns in profile.DnsNames)
            {
                sans.AddDnsName(dns);
            }

            foreach (var ip in profile.IpAddresses)
            {
                sans.AddIpAddress(ip);
            }

            request.CertificateExtensions.Add(sans.Build());
        }

        var certificate = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(Key), from, to, NewSerial());
        return new IssuedCertificate(certificate, key);
    }

    /// <summary>A DER CRL signed by this CA revoking <paramref name="revoked"/>.</summary>
    public byte[] CreateCrl(
        IEnumerable<X509Certificate2> revoked,
        DateTimeOffset? thisUpdate = null,
        DateTimeOffset? nextUpdate = null,
        long crlNumber = 1)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        var now = thisUpdate ?? _time.GetUtcNow();
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, now);
        }

        return builder.Build(
            Certificate.SubjectName,
            X509SignatureGenerator.CreateForECDsa(Key),
            new BigInteger(crlNumber),
            nextUpdate ?? now.AddDays(365),
            HashAlgorithmName.SHA256,
            X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(_subjectKeyId),
            now);
    }

    /// <summary>The CRL as PEM (<c>X509 CRL</c>), the form Fabric reads from an MSP's <c>crls</c> folder.</summary>
    public string CreateCrlPem(IEnumerable<X509Certificate2> revoked, DateTimeOffset? thisUpdate = null, DateTimeOffset? nextUpdate = null, long crlNumber = 1)
        => new string(PemEncoding.Write("X509 CRL", CreateCrl(revoked, thisUpdate, nextUpdate, crlNumber))) + "\n";

    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
    }

    /// <summary>SHA-256 of the uncompressed public point, as cryptogen's computeSKI.</summary>
    internal static byte[] SubjectKeyId(ECDsa key)
    {
        var parameters = key.ExportParameters(false);
        int size = parameters.Q.X!.Length;
        Span<byte> point = stackalloc byte[1 + (2 * size)];
        point[0] = 0x04;
        parameters.Q.X.CopyTo(point[1..]);
        parameters.Q.Y!.CopyTo(point[(1 + size)..]);
        return SHA256.HashData(point);
    }

    private static CertificateRequest CaRequest(X500DistinguishedName name, ECDsa key)
    {
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign,
            critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.2"), new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(SubjectKeyId(key), critical: false));
        return request;
    }

    private static (DateTimeOffset NotBefore, DateTimeOffset NotAfter) Window(TimeProvider time, DateTimeOffset? notBefore, DateTimeOffset? notAfter)
    {
        var now = time.GetUtcNow();
        var rounded = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var from = notBefore ?? rounded.AddMinutes(-5);
        return (from, notAfter ?? from + DefaultValidity);
    }

    private static byte[] NewSerial()
    {
        // 128 random bits like cryptogen; the first byte is kept in 0x01..0x7F so the DER INTEGER is
        // positive and minimally encoded.
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }
}
