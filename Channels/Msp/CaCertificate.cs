using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto;

namespace Fabricish.Channels.Msp;

/// <summary>A root or intermediate CA certificate of an MSP, parsed once at setup.</summary>
internal sealed class CaCertificate
{
    private CaCertificate(X509Certificate2 certificate, ECDsa publicKey, SignedObject signed, bool isRoot)
    {
        Certificate = certificate;
        PublicKey = publicKey;
        Signed = signed;
        IsRoot = isRoot;
    }

    public X509Certificate2 Certificate { get; }

    public ECDsa PublicKey { get; }

    public SignedObject Signed { get; }

    public bool IsRoot { get; }

    public ReadOnlySpan<byte> Raw => Certificate.RawDataMemory.Span;

    public ReadOnlySpan<byte> SubjectName => Certificate.SubjectName.RawData;

    /// <summary>Parses a CA certificate; the reason when it cannot serve as one.</summary>
    public static (CaCertificate? Ca, string? Error) TryCreate(byte[] der, bool isRoot, string what)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException e)
        {
            return (null, $"{what} is not a valid X.509 certificate: {e.Message}");
        }

        if (!SignedObject.TryParse(certificate.RawDataMemory, out var signed))
        {
            return (null, $"{what} '{certificate.Subject}' is malformed");
        }

        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is null || !constraints.CertificateAuthority)
        {
            return (null, $"{what} '{certificate.Subject}' is not a CA certificate (basic constraints CA is not set)");
        }

        var key = certificate.GetECDsaPublicKey();
        if (key is null)
        {
            return (null, $"{what} '{certificate.Subject}' does not hold an ECDSA public key");
        }

        return (new CaCertificate(certificate, key, signed, isRoot), null);
    }
}
