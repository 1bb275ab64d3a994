using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Fabricish.Channels.Crypto;

/// <summary>
/// The outer shape shared by X.509 certificates and CRLs — <c>SEQUENCE { tbs, AlgorithmIdentifier,
/// BIT STRING }</c> — so a chain or a CRL can be checked against a chosen issuer key directly, without
/// the platform's chain engine (whose trust stores and clock we do not want here).
/// </summary>
internal readonly record struct SignedObject(ReadOnlyMemory<byte> ToBeSigned, string AlgorithmOid, ReadOnlyMemory<byte> Signature)
{
    public static bool TryParse(ReadOnlyMemory<byte> der, out SignedObject signed)
    {
        signed = default;
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var tbs = outer.ReadEncodedValue();
            var algorithm = outer.ReadSequence();
            string oid = algorithm.ReadObjectIdentifier();
            if (!outer.TryReadPrimitiveBitString(out int unusedBits, out var signature) || unusedBits != 0)
            {
                return false;
            }

            signed = new SignedObject(tbs, oid, signature);
            return !outer.HasData;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="issuerKey"/> made this object's ECDSA signature.</summary>
    public bool IsSignedBy(ECDsa issuerKey)
    {
        HashAlgorithmName? hash = AlgorithmOid switch
        {
            "1.2.840.10045.4.3.2" => HashAlgorithmName.SHA256,
            "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
            "1.2.840.10045.4.3.4" => HashAlgorithmName.SHA512,
            _ => null,
        };
        return hash is { } h && issuerKey.VerifyData(ToBeSigned.Span, Signature.Span, h, DSASignatureFormat.Rfc3279DerSequence);
    }
}
