using System.Collections.Concurrent;
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
/// </summary>
internal static class VerifiedSignatures
{
    private const int GenerationSize = 16_384;

    // A P-256 DER signature is at most 72 bytes; larger ones (other curves) are simply not remembered.
    private const int MaxSignatureLength = 144;

    private static readonly Lock Gate = new();
    private static ConcurrentDictionary<(UInt128, UInt128), byte> Current = new();
    private static ConcurrentDictionary<(UInt128, UInt128), byte> Previous = new();

    /// <summary>SHA-256 of the key's SubjectPublicKeyInfo, computed once per identity.</summary>
    public static byte[] KeyIdOf(ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return SHA256.HashData(publicKey.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Whether this exact signature by this key over this message was found valid before.</summary>
    public static bool Contains(ReadOnlySpan<byte> keyId, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        SignatureMemory.Enabled
        && EntryOf(keyId, message, signature) is { } entry
        && (Current.ContainsKey(entry) || Previous.ContainsKey(entry));

    /// <summary>Records a signature that verified, or that this process made with its own checked key.</summary>
    public static void Add(ReadOnlySpan<byte> keyId, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (!SignatureMemory.Enabled || EntryOf(keyId, message, signature) is not { } entry)
        {
            return;
        }

        ConcurrentDictionary<(UInt128, UInt128), byte> generation = Current;
        if (generation.Count >= GenerationSize)
        {
            lock (Gate)
            {
                if (Current.Count >= GenerationSize)
                {
                    Previous = Current;
                    Current = new ConcurrentDictionary<(UInt128, UInt128), byte>();
                }

                generation = Current;
            }
        }

        generation.TryAdd(entry, 0);
    }

    private static (UInt128, UInt128)? EntryOf(ReadOnlySpan<byte> keyId, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (keyId.Length != SHA256.HashSizeInBytes || signature.IsEmpty || signature.Length > MaxSignatureLength)
        {
            return null;
        }

        // key id ‖ signature length ‖ signature ‖ SHA-256(message): fixed-width fields around the one variable one.
        Span<byte> input = stackalloc byte[SHA256.HashSizeInBytes + 1 + MaxSignatureLength + SHA256.HashSizeInBytes];
        keyId.CopyTo(input);
        input[SHA256.HashSizeInBytes] = (byte)signature.Length;
        signature.CopyTo(input[(SHA256.HashSizeInBytes + 1)..]);
        int digestAt = SHA256.HashSizeInBytes + 1 + signature.Length;
        SHA256.HashData(message, input.Slice(digestAt, SHA256.HashSizeInBytes));
        Span<byte> entry = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input[..(digestAt + SHA256.HashSizeInBytes)], entry);
        return (MemoryMarshal.Read<UInt128>(entry), MemoryMarshal.Read<UInt128>(entry[16..]));
    }
}
