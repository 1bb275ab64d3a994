using System.Globalization;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Policies;

/// <summary>
/// Fabric's <c>SignatureSetToValidIdentities</c>: keeps the signers whose identity deserialises and
/// validates and whose signature verifies, each identity once.
/// </summary>
internal static class SignatureSetValidator
{
    /// <summary>
    /// Writes the valid identities to <paramref name="valid"/> (at least as long as the set) and returns
    /// how many; <paramref name="ignored"/> is only allocated when something is dropped.
    /// </summary>
    public static int Validate(
        IReadOnlyList<SignedData> signatures,
        IIdentityDeserializer deserializer,
        IIdentity[] valid,
        out List<string>? ignored)
    {
        ignored = null;
        var count = 0;
        for (var i = 0; i < signatures.Count; i++)
        {
            var signed = signatures[i];

            // Checked before deserialising or verifying so a signer repeated thousands of times costs
            // byte compares, not MSP validation and ECDSA (Fabric dedups ahead of Verify for the same reason).
            // Only accepted identities count, so a bad first signature does not shadow a good second one.
            if (IndexOf(valid.AsSpan(0, count), signed.Identity.Span) >= 0)
            {
                (ignored ??= []).Add(string.Create(CultureInfo.InvariantCulture, $"signature {i} repeats an earlier signer"));
                continue;
            }

            var deserialized = deserializer.Deserialize(signed.Identity.Span);
            if (deserialized.Identity is not { } identity)
            {
                (ignored ??= []).Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"signature {i} by {MspIdOf(signed.Identity)} rejected: {deserialized.Error}"));
                continue;
            }

            if (!identity.Verify(signed.Data.Span, signed.Signature.Span))
            {
                (ignored ??= []).Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"signature {i} by {identity.MspId} invalid: {identity.SignatureProblem(signed.Signature.Span)}"));
                continue;
            }

            valid[count++] = identity;
        }

        return count;
    }

    /// <summary>Index of the first identity with these serialized bytes, or -1.</summary>
    public static int IndexOf(ReadOnlySpan<IIdentity> identities, ReadOnlySpan<byte> serialized)
    {
        for (var j = 0; j < identities.Length; j++)
        {
            if (identities[j].Serialized.Span.SequenceEqual(serialized))
            {
                return j;
            }
        }

        return -1;
    }

    /// <summary>Best-effort MSP ID for a message about an identity the MSP refused.</summary>
    private static string MspIdOf(ReadOnlyMemory<byte> serialized)
    {
        try
        {
            var mspId = SerializedIdentity.Parser.ParseFrom(serialized.Span).Mspid;
            return mspId.Length == 0 ? "an identity without MSP ID" : mspId;
        }
        catch (InvalidProtocolBufferException)
        {
            return "a malformed identity";
        }
    }
}
