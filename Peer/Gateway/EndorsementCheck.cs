using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Peer;

namespace Fabricish.Peer.Gateway;

/// <summary>What the gateway checks of another peer's endorsement before it puts it into a transaction, so a
/// transaction is never assembled from an endorsement the committer would reject: the endorser is a valid member of
/// the organisation that was asked, and its signature over payload ‖ endorser (Fabric's ESCC) verifies.</summary>
internal static class EndorsementCheck
{
    /// <returns>Null when the endorsement is usable, otherwise why not.</returns>
    public static string? Verify(ProposalResponse response, string expectedMspId, ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(config);
        Endorsement? endorsement = response.Endorsement;
        if (endorsement is null || endorsement.Endorser.IsEmpty || endorsement.Signature.IsEmpty)
        {
            return "the peer returned a successful response without an endorsement";
        }

        if (response.Payload.IsEmpty)
        {
            return "the peer returned an endorsement without a proposal response payload";
        }

        IdentityResult identity = config.Msps.Deserialize(endorsement.Endorser.Span);
        if (identity.Identity is not { } endorser)
        {
            return $"the endorser's identity is not valid on channel {config.ChannelId}: {identity.Error}";
        }

        if (endorser.MspId != expectedMspId)
        {
            return $"the endorsement is signed by a member of {endorser.MspId}, but a peer of {expectedMspId} was asked";
        }

        byte[] signed = new byte[response.Payload.Length + endorsement.Endorser.Length];
        response.Payload.Span.CopyTo(signed);
        endorsement.Endorser.Span.CopyTo(signed.AsSpan(response.Payload.Length));
        return endorser.Verify(signed, endorsement.Signature.Span)
            ? null
            : "the endorsement signature does not verify over the proposal response payload";
    }
}
