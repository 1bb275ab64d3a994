using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Fabricish.Channels.Crypto;

/// <summary>
/// ECDSA signatures this process has already found valid, so one met again is not verified a second time. A peer
/// meets most signatures twice: its gateway checks the client's transaction and the other organisation's endorsement,
/// then its committer checks both again, with the endorsement the peer signed itself. Only a signature that verified
/// (or that this process made with a key checked against its certificate) is recorded, keyed by SHA-256 over the
/// public key, the signature and SHA-256 of the message: a hit means this key, these message bytes and this signature,
/// exactly. Two generations of bounded size, the older dropped when the newer fills, keep the last few seconds'.
/// Callers hash the message once (<see cref="TryEntryOf"/> takes its digest) and sign or verify that same digest, so
/// a miss costs one message hash, not three.
/// </summary>
internal static class VerifiedSignatures
{
    private const int GenerationSize = 16_384;

    // A P-256 DER signature is at most 72 bytes; larger ones (other curves) are simply not remembered.
    private const int MaxSignatureLength = 144;

    private static SignatureGeneration Current = new(GenerationSize);
    private static SignatureGeneration Previous = new(GenerationSize);

    /// <summary>SHA-256 of the key's SubjectPublicKeyInfo, computed once per identity.</summary>
    public static byte[] KeyIdOf(ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return SHA256.HashData(publicKey.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The memory's key for this signature by this key over the message whose SHA-256 is
    /// <paramref name="messageDigest"/>; false when the memory is off or the signature is not one it keeps.</summary>
    public static bool TryEntryOf(ReadOnlySpan<byte> keyId, ReadOnlySpan<byte> messageDigest, ReadOnlySpan<byte> signature, out SignatureEntry entry)
    {
        entry = default;
        if (!SignatureMemory.Enabled
            || keyId.Length != SHA256.HashSizeInBytes
            || messageDigest.Length != SHA256.HashSizeInBytes
            || signature.IsEmpty
            || signature.Length > MaxSignatureLength)
        {
            return false;
        }

        // key id ‖ signature length ‖ signature ‖ SHA-256(message): fixed-width fields around the one variable one.
        Span<byte> input = stackalloc byte[SHA256.HashSizeInBytes + 1 + MaxSignatureLength + SHA256.HashSizeInBytes];
        keyId.CopyTo(input);
        input[SHA256.HashSizeInBytes] = (byte)signature.Length;
        signature.CopyTo(input[(SHA256.HashSizeInBytes + 1)..]);
        int digestAt = SHA256.HashSizeInBytes + 1 + signature.Length;
        messageDigest.CopyTo(input[digestAt..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input[..(digestAt + SHA256.HashSizeInBytes)], hash);
        entry = new SignatureEntry(MemoryMarshal.Read<UInt128>(hash), MemoryMarshal.Read<UInt128>(hash[16..]));
        return true;
    }

    /// <summary>Whether the signature <paramref name="entry"/> stands for was found valid before.</summary>
    public static bool Contains(SignatureEntry entry) =>
        SignatureMemory.Enabled && (Volatile.Read(ref Current).Contains(entry.Key) || Volatile.Read(ref Previous).Contains(entry.Key));

    /// <summary>Records a signature that verified, or that this process made with its own checked key.</summary>
    public static void Add(SignatureEntry entry)
    {
        if (!SignatureMemory.Enabled)
        {
            return;
        }

        // Lock-free: the one add that fills the generation retires it; adds racing with it land in either generation,
        // so a generation may end a few entries over its size.
        SignatureGeneration generation = Volatile.Read(ref Current);
        if (generation.Add(entry.Key) == GenerationSize)
        {
            Volatile.Write(ref Previous, generation);
            Volatile.Write(ref Current, new SignatureGeneration(GenerationSize));
        }
    }
}
