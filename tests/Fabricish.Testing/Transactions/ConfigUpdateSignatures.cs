using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Testing.Transactions;

/// <summary>Config updates signed as <c>peer channel signconfigtx</c> signs them: each signer's signature header (its
/// identity and a fresh nonce) and a signature over header ‖ update.</summary>
public static class ConfigUpdateSignatures
{
    public static ConfigSignature Sign(SigningIdentity signer, ByteString configUpdate)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(configUpdate);
        ByteString header = new SignatureHeader
        {
            Creator = ByteString.CopyFrom(signer.Serialize()),
            Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24)),
        }.ToByteString();
        return new ConfigSignature { SignatureHeader = header, Signature = ByteString.CopyFrom(signer.Sign([.. header.Span, .. configUpdate.Span])) };
    }

    /// <summary>The ConfigUpdateEnvelope carrying <paramref name="update"/> with one signature per signer.</summary>
    public static ConfigUpdateEnvelope Envelope(ConfigUpdate update, params SigningIdentity[] signers)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(signers);
        var envelope = new ConfigUpdateEnvelope { ConfigUpdate = update.ToByteString() };
        foreach (SigningIdentity signer in signers)
        {
            envelope.Signatures.Add(Sign(signer, envelope.ConfigUpdate));
        }

        return envelope;
    }
}
