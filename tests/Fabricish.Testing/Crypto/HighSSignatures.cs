using System.Formats.Asn1;
using System.Globalization;
using System.Numerics;

namespace Fabricish.Testing.Crypto;

/// <summary>The high-S twin (r, n − s) of a P-256 ECDSA signature: valid ECDSA that Fabric nonetheless refuses, as a
/// client library that does not normalise S would send it.</summary>
public static class HighSSignatures
{
    private static readonly BigInteger P256Order = BigInteger.Parse(
        "0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <param name="lowS">A DER signature with S ≤ n/2, as Fabricish signs.</param>
    public static byte[] Twin(byte[] lowS)
    {
        var reader = new AsnReader(lowS, AsnEncodingRules.DER);
        AsnReader sequence = reader.ReadSequence();
        BigInteger r = sequence.ReadInteger();
        BigInteger s = sequence.ReadInteger();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(P256Order - s);
        }

        return writer.Encode();
    }
}
