using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Msp;

/// <summary>
/// A local identity that can sign: MSP id, certificate and private key (what a peer, orderer or client
/// loads from its own MSP folder). Serialises as Fabric does, with the certificate in PEM.
/// </summary>
public sealed class SigningIdentity : IDisposable
{
    private readonly byte[] _serialized;
    private readonly byte[] _keyId;

    public SigningIdentity(string mspId, X509Certificate2 certificate, ECDsa key)
    {
        ArgumentException.ThrowIfNullOrEmpty(mspId);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(key);
        using var certificateKey = certificate.GetECDsaPublicKey()
            ?? throw new ArgumentException("the certificate does not hold an ECDSA public key", nameof(certificate));
        if (!SamePublicKey(certificateKey, key))
        {
            throw new ArgumentException("the private key does not match the certificate", nameof(key));
        }

        MspId = mspId;
        Certificate = certificate;
        Key = key;
        _keyId = VerifiedSignatures.KeyIdOf(certificateKey);
        _serialized = new SerializedIdentity
        {
            Mspid = mspId,
            IdBytes = ByteString.CopyFrom(PemBlocks.Encode("CERTIFICATE", certificate.RawDataMemory.Span)),
        }.ToByteArray();
    }

    public string MspId { get; }

    public X509Certificate2 Certificate { get; }

    public ECDsa Key { get; }

    /// <summary>The <c>msp.SerializedIdentity</c> bytes (MSP id + PEM certificate) that go into headers.</summary>
    public byte[] Serialize() => (byte[])_serialized.Clone();

    /// <summary>A low-S DER ECDSA signature over SHA-256(<paramref name="message"/>).</summary>
    /// <remarks>The key was checked against the certificate above, so the signature is valid by construction: it is
    /// remembered as verified, and this process's own check of it later (a peer committing its own endorsement)
    /// costs a hash instead of an ECDSA verification.</remarks>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(message, digest);
        byte[] signature = Signatures.SignHash(Key, digest);
        if (VerifiedSignatures.TryEntryOf(_keyId, digest, signature, out SignatureEntry entry))
        {
            VerifiedSignatures.Add(entry);
        }

        return signature;
    }

    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
    }

    internal static bool SamePublicKey(ECDsa a, ECDsa b)
    {
        var pa = a.ExportParameters(false);
        var pb = b.ExportParameters(false);
        return pa.Q.X.AsSpan().SequenceEqual(pb.Q.X) && pa.Q.Y.AsSpan().SequenceEqual(pb.Q.Y);
    }
}
