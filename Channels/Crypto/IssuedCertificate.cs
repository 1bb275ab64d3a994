using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fabricish.Channels.Crypto;

/// <summary>A certificate a CA issued and the private key it certifies.</summary>
public sealed class IssuedCertificate(X509Certificate2 certificate, ECDsa key) : IDisposable
{
    public X509Certificate2 Certificate { get; } = certificate;

    public ECDsa Key { get; } = key;

    public string CertificatePem => Certificate.ExportCertificatePem() + "\n";

    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
    }
}
