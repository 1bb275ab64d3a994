using System.Security.Cryptography;
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
        VerifiedSignatures.Add(VerifiedSignatures.KeyIdOf(identity.PublicKey), message, notASignature);

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
        SignatureMemory.Enabled = false;
        try
        {
            VerifiedSignatures.Add(keyId, message, notASignature);
            Assert.False(identity.Verify(message, notASignature));
            byte[] signature = peer.Sign(message);
            Assert.True(identity.Verify(message, signature));
        }
        finally
        {
            SignatureMemory.Enabled = true;
        }

        Assert.False(VerifiedSignatures.Contains(keyId, message, notASignature));
    }

    [Fact]
    public void The_memory_forgets_the_oldest_signatures_once_two_generations_have_filled()
    {
        byte[] keyId = SHA256.HashData("some key"u8);
        byte[] message = RandomNumberGenerator.GetBytes(32);
        byte[] signature = RandomNumberGenerator.GetBytes(70);
        VerifiedSignatures.Add(keyId, message, signature);
        Assert.True(VerifiedSignatures.Contains(keyId, message, signature));

        for (int i = 0; i < 2 * 16_384 + 1; i++)
        {
            VerifiedSignatures.Add(keyId, BitConverter.GetBytes(i), signature);
        }

        Assert.False(VerifiedSignatures.Contains(keyId, message, signature));
    }
}
