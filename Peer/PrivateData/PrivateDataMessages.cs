using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Msp;
using Fabricish.Protos.PrivateData;
using Google.Protobuf;

namespace Fabricish.Peer.PrivateData;

/// <summary>Signing and checking the peer-to-peer private data messages: the payload is signed by the sending
/// peer's identity, which must be a valid peer identity of an organization of the channel.</summary>
internal static class PrivateDataMessages
{
    public static SignedPrivateDataMessage Sign(IMessage payload, SigningIdentity signer)
    {
        byte[] bytes = payload.ToByteArray();
        return new SignedPrivateDataMessage
        {
            Payload = ByteString.CopyFrom(bytes),
            Identity = ByteString.CopyFrom(signer.Serialize()),
            Signature = ByteString.CopyFrom(signer.Sign(bytes)),
        };
    }

    /// <returns>The sender, or null with why it is refused.</returns>
    public static IIdentity? VerifySender(SignedPrivateDataMessage message, ChannelConfig config, out string? refusal)
    {
        IdentityResult sender = config.Msps.Deserialize(message.Identity.Span);
        if (sender.Identity is not { } identity)
        {
            refusal = $"the sender's identity is not valid on channel {config.ChannelId}: {sender.Error}";
            return null;
        }

        if (!identity.Verify(message.Payload.Span, message.Signature.Span))
        {
            refusal = "the signature over the private data message " + identity.SignatureProblem(message.Signature.Span);
            return null;
        }

        var peerRole = new MSPPrincipal
        {
            PrincipalClassification = MSPPrincipal.Types.Classification.Role,
            Principal = new MSPRole { MspIdentifier = identity.MspId, Role = MSPRole.Types.MSPRoleType.Peer }.ToByteString(),
        };
        if (!identity.SatisfiesPrincipal(peerRole).Satisfied)
        {
            refusal = $"the sender is not a peer of {identity.MspId}";
            return null;
        }

        refusal = null;
        return identity;
    }
}
