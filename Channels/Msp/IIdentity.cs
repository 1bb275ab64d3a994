using Fabricish.Protos.Msp;

namespace Fabricish.Channels.Msp;

/// <summary>
/// An identity that was deserialised from a <c>msp.SerializedIdentity</c> and validated by its MSP
/// (chain to the MSP's roots, validity period, revocation).
/// </summary>
public interface IIdentity
{
    string MspId { get; }

    /// <summary>The serialized form it came from; equal bytes mean the same identity, so a
    /// policy counts each signer once.</summary>
    ReadOnlyMemory<byte> Serialized { get; }

    /// <summary>Verifies a DER ECDSA signature over SHA-256(<paramref name="message"/>); high-S is rejected.</summary>
    bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);

    /// <summary>Why <see cref="Verify"/> refused <paramref name="signature"/> (e.g. not low-S), for messages.</summary>
    string SignatureProblem(ReadOnlySpan<byte> signature) => "it does not verify over the signed data";

    /// <summary>Whether this identity satisfies a policy principal (role, OU or exact identity).</summary>
    PrincipalCheck SatisfiesPrincipal(MSPPrincipal principal);
}
