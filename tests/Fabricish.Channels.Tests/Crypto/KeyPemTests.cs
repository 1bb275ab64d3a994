using System.Security.Cryptography;
using Fabricish.Channels.Crypto;

namespace Fabricish.Channels.Tests.Crypto;

public sealed class KeyPemTests
{
    private static readonly byte[] Message = [1, 2, 3, 4];

    [Fact]
    public void Encrypted_PKCS8_key_round_trips_with_its_password()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        string pem = KeyPem.Write(key, "s3cret");
        using var read = KeyPem.Read(pem, "s3cret");

        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", pem, StringComparison.Ordinal);
        Assert.True(KeyPem.IsEncrypted(pem));
        Assert.True(Signatures.Verify(key, Message, Signatures.Sign(read, Message)));
    }

    [Fact]
    public void Unencrypted_PKCS8_key_round_trips()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        string pem = KeyPem.Write(key);
        using var read = KeyPem.Read(pem);

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem, StringComparison.Ordinal);
        Assert.True(Signatures.Verify(key, Message, Signatures.Sign(read, Message)));
    }

    [Fact]
    public void Encrypted_key_without_password_is_refused_naming_the_cause()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string pem = KeyPem.Write(key, "s3cret");

        var error = Assert.Throws<CryptographicException>(() => KeyPem.Read(pem));

        Assert.Contains("password is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypted_key_with_wrong_password_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string pem = KeyPem.Write(key, "s3cret");

        var error = Assert.Throws<CryptographicException>(() => KeyPem.Read(pem, "guess"));

        Assert.Contains("wrong password", error.Message, StringComparison.Ordinal);
    }
}
