using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Channels.Tests.Msp;

namespace Fabricish.Channels.Tests.Crypto;

/// <summary>The process's memory of signatures it found valid: a second check of the same signature is answered from
/// it, and nothing but that exact key, message and signature is ever answered from it.</summary>
public sealed class VerifiedSignaturesTests : IDisposable
{
    private static readonly byte[] Message = "proposal response payload"u8.ToArray();

    private readonly TestOrg _org1 = new("Org1MSP", "org1.example.com");

    public void Dispose() => _org1.Dispose();

    [Fact]
    public void A_signature_checked_once_still_binds_its_key_its_message_and_its_bytes()
    {
        var manager = new MspManager([_org1.Msp()]);
        using SigningIdentity peer = _org1.Signer(_org1.Issue("peer0.org1.example.com", NodeRole.Peer));
        using SigningIdentity other = _org1.Signer(_org1.Issue("peer1.org1.example.com", NodeRole.Peer));
        IIdentity identity = manager.Deserialize(peer.Serialize()).Identity!;
        IIdentity otherIdentity = manager.Deserialize(other.Serialize()).Identity!;
        byte[] signature = peer.Sign(Message);
        Assert.True(identity.Verify(Message, signature));

        byte[] altered = (byte[])Message.Clone();
        altered[^1] ^= 1;
        byte[] tampered = (byte[])signature.Clone();
        tampered[^1] ^= 1;
        Assert.True(identity.Verify(Message, signature));
        Assert.False(identity.Verify(altered, signature));
        Assert.False(identity.Verify(Message, tampered));
        Assert.False(otherIdentity.Verify(Message, signature));
    }

    [Fact]
    public void A_signature_the_process_remembers_is_not_verified_again()
    {
        var manager = new MspManager([_org1.Msp()]);
        using SigningIdentity peer = _org1.Signer(_org1.Issue("peer0.org1.example.com", NodeRole.Peer));
        var identity = (X509Identity)manager.Deserialize(peer.Serialize()).Identity!;
        byte[] message = RandomNumberGenerator.GetBytes(64);

        // Bytes no ECDSA check would accept: only the memory can answer true for them.
        byte[] notASignature = RandomNumberGenerator.GetBytes(70);
        Assert.False(identity.Verify(message, notASignature));
        Remember(VerifiedSignatures.KeyIdOf(identity.PublicKey), message, notASignature);

        Assert.True(identity.Verify(message, notASignature));
    }

    [Fact]
    public void With_the_memory_off_every_check_is_an_ecdsa_verification_and_nothing_is_remembered()
    {
        var manager = new MspManager([_org1.Msp()]);
        using SigningIdentity peer = _org1.Signer(_org1.Issue("peer0.org1.example.com", NodeRole.Peer));
        var identity = (X509Identity)manager.Deserialize(peer.Serialize()).Identity!;
        byte[] message = RandomNumberGenerator.GetBytes(64);
        byte[] notASignature = RandomNumberGenerator.GetBytes(70);
        byte[] keyId = VerifiedSignatures.KeyIdOf(identity.PublicKey);

        // Tests of one class run one at a time, and only this class depends on the memory being on.
        byte[] signature;
        SignatureMemory.Enabled = false;
        try
        {
            Assert.False(VerifiedSignatures.TryEntryOf(keyId, SHA256.HashData(message), notASignature, out _));
            Remember(keyId, message, notASignature);
            Assert.False(identity.Verify(message, notASignature));
            signature = peer.Sign(message);
            Assert.True(identity.Verify(message, signature));
        }
        finally
        {
            SignatureMemory.Enabled = true;
        }

        Assert.False(Remembers(keyId, message, notASignature));
        Assert.False(Remembers(keyId, message, signature));
    }

    [Fact]
    public void The_memory_forgets_the_oldest_signatures_once_two_generations_have_filled()
    {
        byte[] keyId = SHA256.HashData("some key"u8);
        byte[] message = RandomNumberGenerator.GetBytes(32);
        byte[] signature = RandomNumberGenerator.GetBytes(70);
        Remember(keyId, message, signature);
        Assert.True(Remembers(keyId, message, signature));

        for (int i = 0; i < 2 * 16_384 + 1; i++)
        {
            Remember(keyId, BitConverter.GetBytes(i), signature);
        }

        Assert.False(Remembers(keyId, message, signature));
    }

    [Fact]
    public void A_signature_this_process_makes_is_remembered_under_its_key_and_message_and_verifies_as_fabric_checks_it()
    {
        var manager = new MspManager([_org1.Msp()]);
        using SigningIdentity peer = _org1.Signer(_org1.Issue("peer0.org1.example.com", NodeRole.Peer));
        var identity = (X509Identity)manager.Deserialize(peer.Serialize()).Identity!;
        byte[] message = RandomNumberGenerator.GetBytes(4096);
        byte[] signature = peer.Sign(message);

        // Signed from the digest Sign computed once: still low-S DER over SHA-256(message), as a fresh key checks it.
        Assert.True(Signatures.IsLowS(identity.PublicKey, signature));
        using ECDsa fresh = peer.Certificate.GetECDsaPublicKey()!;
        Assert.True(Signatures.Verify(fresh, message, signature));
        Assert.True(Remembers(VerifiedSignatures.KeyIdOf(identity.PublicKey), message, signature));
        byte[] other = (byte[])message.Clone();
        other[0] ^= 1;
        Assert.False(Remembers(VerifiedSignatures.KeyIdOf(identity.PublicKey), other, signature));
    }

    [Fact]
    public void A_signature_verified_on_a_miss_is_remembered_under_the_digest_it_was_verified_over()
    {
        var manager = new MspManager([_org1.Msp()]);
        using SigningIdentity peer = _org1.Signer(_org1.Issue("peer0.org1.example.com", NodeRole.Peer));
        var identity = (X509Identity)manager.Deserialize(peer.Serialize()).Identity!;
        byte[] message = RandomNumberGenerator.GetBytes(256);
        byte[] signature = Signatures.Sign(peer.Key, message);
        byte[] keyId = VerifiedSignatures.KeyIdOf(identity.PublicKey);
        Assert.False(Remembers(keyId, message, signature));

        Assert.True(identity.Verify(message, signature));

        Assert.True(Remembers(keyId, message, signature));
    }

    private static void Remember(byte[] keyId, byte[] message, byte[] signature)
    {
        if (VerifiedSignatures.TryEntryOf(keyId, SHA256.HashData(message), signature, out SignatureEntry entry))
        {
            VerifiedSignatures.Add(entry);
        }
    }

    private static bool Remembers(byte[] keyId, byte[] message, byte[] signature) =>
        VerifiedSignatures.TryEntryOf(keyId, SHA256.HashData(message), signature, out SignatureEntry entry) && VerifiedSignatures.Contains(entry);
}
