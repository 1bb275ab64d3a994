using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Fabricish.Channels.Crypto;

namespace Fabricish.Channels.Tests.Crypto;

public sealed class SignaturesTests : IDisposable
{
    private static readonly BigInteger P256Order = BigInteger.Parse(
        "0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly byte[] _message = Encoding.UTF8.GetBytes("proposal payload");

    public void Dispose() => _key.Dispose();

    [Fact]
    public void Signature_made_by_Sign_verifies_with_the_public_key()
    {
        byte[] signature = Signatures.Sign(_key, _message);

        Assert.True(Signatures.Verify(_key, _message, signature));
    }

    [Fact]
    public void Sign_always_produces_low_S_DER()
    {
        // Without normalisation about half of raw ECDSA signatures have a high S, so 32 in a row would fail.
        for (int i = 0; i < 32; i++)
        {
            byte[] signature = Signatures.Sign(_key, _message);
            var (_, s) = Decode(signature);
            Assert.True(s <= P256Order / 2, $"signature {i} has high S");
            Assert.True(Signatures.IsLowS(_key, signature));
        }
    }

    [Fact]
    public void High_S_twin_of_a_valid_signature_is_rejected()
    {
        byte[] signature = Signatures.Sign(_key, _message);
        var (r, s) = Decode(signature);
        byte[] twin = Encode(r, P256Order - s);

        // The twin is mathematically valid ECDSA; only the low-S rule rejects it.
        Assert.True(_key.VerifyData(_message, twin, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.False(Signatures.Verify(_key, _message, twin));
    }

    [Fact]
    public void Tampered_payload_is_rejected()
    {
        byte[] signature = Signatures.Sign(_key, _message);
        byte[] tampered = (byte[])_message.Clone();
        tampered[0] ^= 1;

        Assert.False(Signatures.Verify(_key, tampered, signature));
    }

    [Fact]
    public void Signature_by_another_key_is_rejected()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] signature = Signatures.Sign(other, _message);

        Assert.False(Signatures.Verify(_key, _message, signature));
    }

    [Fact]
    public void Malformed_DER_is_rejected()
    {
        byte[] signature = Signatures.Sign(_key, _message);
        var (r, s) = Decode(signature);

        byte[] trailing = [.. signature, 0x00];
        byte[] truncated = signature[..^1];
        byte[] fixedWidth = _key.SignData(_message, HashAlgorithmName.SHA256);
        byte[] nonMinimal = NonMinimalR(r, s);

        Assert.False(Signatures.Verify(_key, _message, trailing));
        Assert.False(Signatures.Verify(_key, _message, truncated));
        Assert.False(Signatures.Verify(_key, _message, fixedWidth));
        Assert.False(Signatures.Verify(_key, _message, nonMinimal));
        Assert.False(Signatures.Verify(_key, _message, []));
    }

    internal static (BigInteger R, BigInteger S) Decode(byte[] der)
    {
        var sequence = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        return (sequence.ReadInteger(), sequence.ReadInteger());
    }

    internal static byte[] Encode(BigInteger r, BigInteger s)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(s);
        }

        return writer.Encode();
    }

    private static byte[] NonMinimalR(BigInteger r, BigInteger s)
    {
        // r with a superfluous leading zero byte: valid BER, invalid DER.
        byte[] rBytes = [0x00, 0x00, .. r.ToByteArray(isUnsigned: true, isBigEndian: true)];
        byte[] sBytes = new BigInteger(s.ToByteArray(isUnsigned: true, isBigEndian: true), isUnsigned: true, isBigEndian: true)
            .ToByteArray(isUnsigned: false, isBigEndian: true);
        byte[] body = [0x02, (byte)rBytes.Length, .. rBytes, 0x02, (byte)sBytes.Length, .. sBytes];
        return [0x30, (byte)body.Length, .. body];
    }
}
