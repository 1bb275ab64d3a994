using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Testing;

namespace Fabricish.Client.Tests;

/// <summary>The client's signatures are ones Fabricish's (and Fabric's) verifiers accept: SHA-256 digests, DER, low S.</summary>
public sealed class SignerTests : IDisposable
{
    private readonly TestOrg _org = new("Org1MSP", "org1.example.com");

    public void Dispose() => _org.Dispose();

    [Fact]
    public void Private_key_signer_over_sha256_digests_verifies_with_the_channels_verifier_and_is_always_low_S()
    {
        using SigningIdentity user = _org.Identity("User1@org1.example.com", NodeRole.Client);
        Signer signer = Signers.NewPrivateKeySigner(user.Key);
        using ECDsa publicKey = user.Certificate.GetECDsaPublicKey()!;

        for (int i = 0; i < 64; i++)
        {
            byte[] message = RandomNumberGenerator.GetBytes(100);
            byte[] signature = signer(Hashes.Sha256(message));

            Assert.True(Signatures.Verify(publicKey, message, signature));
            Assert.True(Signatures.IsLowS(publicKey, signature));
        }
    }

    [Fact]
    public void Identity_from_a_signing_identity_has_the_same_creator_bytes_as_the_nodes_use()
    {
        using SigningIdentity user = _org.Identity("User1@org1.example.com", NodeRole.Client);

        Assert.Equal(user.Serialize(), Identity.FromSigningIdentity(user).Serialize());
    }

    [Fact]
    public void Keys_other_than_P256_are_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => Signers.NewPrivateKeySigner(key));
    }
}
