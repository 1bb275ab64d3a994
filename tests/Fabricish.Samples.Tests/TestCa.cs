using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fabricish.Samples.Tests;

/// <summary>An organization's certificate authority as cryptogen makes one: a self-signed ECDSA P-256 root that
/// issues its members' certificates directly.</summary>
internal sealed class TestCa : IDisposable
{
    private readonly ECDsa _key;

    public TestCa(string mspId, string domain)
    {
        MspId = mspId;
        Domain = domain;
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=ca.{domain}, O={domain}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Root = request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    public string MspId { get; }

    public string Domain { get; }

    public X509Certificate2 Root { get; }

    public string RootPem => Root.ExportCertificatePem();

    /// <summary>A member identity named <c>name@domain</c>.</summary>
    public TestIdentity Issue(string name, string ou = "client")
    {
        var memberKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}@{Domain}, OU={ou}, O={Domain}", memberKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using X509Certificate2 issued = request.Create(Root, Root.NotBefore.AddDays(1), Root.NotAfter.AddDays(-1), serial);
        return new TestIdentity(MspId, issued.CopyWithPrivateKey(memberKey), memberKey);
    }

    public void Dispose()
    {
        Root.Dispose();
        _key.Dispose();
    }
}
