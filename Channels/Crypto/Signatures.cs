using System.Security.Cryptography;

namespace Fabricish.Channels.Crypto;

/// <summary>
/// ECDSA signatures as Fabric's BCCSP makes and checks them: SHA-256 digest, DER encoding, and S in the
/// lower half of the curve order. Fabric rejects high-S signatures so a signature cannot be re-encoded
/// as its (r, n − s) twin, which would give one transaction two valid signatures.
/// </summary>
public static class Signatures
{
    /// <summary>Signs SHA-256(<paramref name="message"/>) and returns a DER signature with low S.</summary>
    public static byte[] Sign(ECDsa key, ReadOnlySpan<byte> message)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(message, digest);
        return SignHash(key, digest);
    }

    /// <summary>Signs a SHA-256 digest the caller already computed (the same signature <see cref="Sign"/> makes over
    /// the message it hashes) and returns a DER signature with low S.</summary>
    public static byte[] SignHash(ECDsa key, ReadOnlySpan<byte> sha256Digest)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!CurveOrder.TryGet(key.KeySize, out var order, out var halfOrder))
        {
            throw new ArgumentException($"ECDSA keys of {key.KeySize} bits are not supported; use P-256.", nameof(key));
        }

        int fieldSize = order.Length;
        Span<byte> fixedWidth = stackalloc byte[2 * fieldSize];
        int written = key.SignHash(sha256Digest, fixedWidth, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        EcdsaOperations.Signed();
        fixedWidth = fixedWidth[..written];
        var s = fixedWidth[fieldSize..];
        if (s.SequenceCompareTo(halfOrder) > 0)
        {
            CurveOrder.SubtractFrom(order, s);
        }

        Span<byte> der = stackalloc byte[EcdsaDer.MaxEncodedLength];
        int length = EcdsaDer.Encode(fixedWidth, der);
        return der[..length].ToArray();
    }

    /// <summary>
    /// Verifies a DER signature over SHA-256(<paramref name="message"/>). False for malformed DER,
    /// a zero or high S, or a signature that does not match.
    /// </summary>
    public static bool Verify(ECDsa publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> derSignature)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(message, digest);
        return VerifyHash(publicKey, digest, derSignature);
    }

    /// <summary>
    /// <see cref="Verify"/> of a message whose SHA-256 digest the caller already computed: the same checks (strict
    /// DER, non-zero R and S, low S) and the same answer, without hashing the message again.
    /// </summary>
    public static bool VerifyHash(ECDsa publicKey, ReadOnlySpan<byte> sha256Digest, ReadOnlySpan<byte> derSignature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (!CurveOrder.TryGet(publicKey.KeySize, out _, out var halfOrder))
        {
            return false;
        }

        int fieldSize = halfOrder.Length;
        Span<byte> fixedWidth = stackalloc byte[2 * fieldSize];
        if (!EcdsaDer.TryDecode(derSignature, fixedWidth))
        {
            return false;
        }

        var r = fixedWidth[..fieldSize];
        var s = fixedWidth[fieldSize..];
        if (!r.ContainsAnyExcept((byte)0) || !s.ContainsAnyExcept((byte)0) || s.SequenceCompareTo(halfOrder) > 0)
        {
            return false;
        }

        EcdsaOperations.Verified();
        return publicKey.VerifyHash(sha256Digest, fixedWidth, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Why <see cref="Verify"/> refused <paramref name="derSignature"/>, for the refusal's message: a refusal
    /// that does not say "low-S" leaves a client whose library signs high-S guessing at its policy.</summary>
    public static string Problem(ECDsa publicKey, ReadOnlySpan<byte> derSignature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (!CurveOrder.TryGet(publicKey.KeySize, out _, out var halfOrder))
        {
            return $"ECDSA keys of {publicKey.KeySize} bits are not supported";
        }

        int fieldSize = halfOrder.Length;
        Span<byte> fixedWidth = stackalloc byte[2 * fieldSize];
        if (!EcdsaDer.TryDecode(derSignature, fixedWidth))
        {
            return "it is not a DER-encoded ECDSA signature";
        }

        if (!fixedWidth[..fieldSize].ContainsAnyExcept((byte)0) || !fixedWidth[fieldSize..].ContainsAnyExcept((byte)0))
        {
            return "its R or S is zero";
        }

        return fixedWidth[fieldSize..].SequenceCompareTo(halfOrder) > 0
            ? "it is not in low-S form (S is above half the curve order; Fabric requires low-S signatures)"
            : "it does not verify over the signed data";
    }

    /// <summary>Whether a well-formed DER signature has S ≤ n/2 for the key's curve.</summary>
    public static bool IsLowS(ECDsa publicKey, ReadOnlySpan<byte> derSignature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (!CurveOrder.TryGet(publicKey.KeySize, out _, out var halfOrder))
        {
            return false;
        }

        Span<byte> fixedWidth = stackalloc byte[2 * halfOrder.Length];
        return EcdsaDer.TryDecode(derSignature, fixedWidth) && fixedWidth[halfOrder.Length..].SequenceCompareTo(halfOrder) <= 0;
    }
}
