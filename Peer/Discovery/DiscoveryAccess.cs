using Fabricish.Channels.Msp;
using Fabricish.Channels.Policies;
using Fabricish.Endorser.SystemChaincode;
using Fabricish.Peer.Channels;

namespace Fabricish.Peer.Discovery;

/// <summary>Who may ask discovery (Fabric's discovery ACL support): a channel query needs the channel's
/// <c>/Channel/Application/Writers</c> satisfied by the request's signature and client identity; a channel-less (local
/// peers) query needs an admin of this peer's organisation (any member with
/// <see cref="DiscoveryOptions.OrgMembersAllowedAccess"/>) whose signature verifies.</summary>
internal sealed class DiscoveryAccess(IPeerChannels channels, ILocalMspAdmins local, DiscoveryOptions options)
{
    /// <summary>Null when eligible, else why not.</summary>
    public string? Eligible(string channelId, SignedData request)
    {
        if (channelId.Length == 0)
        {
            IIdentity? identity = options.OrgMembersAllowedAccess
                ? local.AuthenticateMember(request.Identity.Span, out string? reason)
                : local.AuthenticateAdmin(request.Identity.Span, out reason);
            if (identity is null)
            {
                return reason ?? "the identity does not satisfy the local MSP policy";
            }

            return identity.Verify(request.Data.Span, request.Signature.Span) ? null : "the signature is invalid";
        }

        if (!channels.TryGet(channelId, out IPeerLedger? ledger))
        {
            return $"policy manager for channel {channelId} doesn't exist";
        }

        PolicyResult writers = ledger.Config.Policies.GetPolicy(PolicyManager.ApplicationWriters).Evaluate([request]);
        return writers.Satisfied ? null : writers.Reason;
    }

    /// <summary>The channel's configuration sequence (0 for channel-less queries and channels not joined).</summary>
    public ulong ConfigSequence(string channelId) =>
        channelId.Length > 0 && channels.TryGet(channelId, out IPeerLedger? ledger) ? ledger.Config.Sequence : 0;
}
