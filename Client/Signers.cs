using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace Fabricish.Client;

/// <summary>Signers over private keys, as fabric-gateway's <c>signers.newPrivateKeySigner</c>.</summary>
public static class Signers
{
    // The order n of P-256. Fabric rejects signatures with S > n/2, so a signature has exactly one valid encoding.
    private static readonly BigInteger P256Order = BigInteger.Parse(
        "115792089210356248762697446949407573529996955224135760342422259061068512044369", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An ECDSA P-256 signer: signs the digest, normalises S to the lower half of the curve order and
    /// encodes the signature as DER, as Fabric's BCCSP does.</summary>
    public static Signer NewPrivateKeySigner(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.KeySize != 256)
        {
            throw new ArgumentException($"ECDSA keys of {key.KeySize} bits are not supported; use P-256", nameof(key));
        }

        return digest =>
        {
            byte[] fixedWidth = key.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            var r = new BigInteger(fixedWidth.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
            var s = new BigInteger(fixedWidth.AsSpan(32), isUnsigned: true, isBigEndian: true);
            if (s > P256Order / 2)
            {
                s = P256Order - s;
            }

            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteInteger(r);
                writer.WriteInteger(s);
            }

            return writer.Encode();
        };
    }
}
