using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Msp;

/// <summary>Fabric's <c>crypto.ExpiresAt</c>: when the certificate in a serialized identity stops being valid.</summary>
public static class CertificateExpiry
{
    /// <returns>The certificate's NotAfter, or null when the identity holds no parsable certificate (no expiry).</returns>
    public static DateTimeOffset? ExpiresAt(ReadOnlySpan<byte> serializedIdentity)
    {
        try
        {
            SerializedIdentity identity = SerializedIdentity.Parser.ParseFrom(serializedIdentity);
            string pem = identity.IdBytes.ToStringUtf8();
            if (!PemEncoding.TryFind(pem, out PemFields fields))
            {
                return null;
            }

            byte[] der = Convert.FromBase64String(pem[fields.Base64Data]);
            using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(der);
            return new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or CryptographicException or FormatException)
        {
            return null;
        }
    }
}
