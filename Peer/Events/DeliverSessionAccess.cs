using Fabricish.Channels.Config;
using Fabricish.Channels.Policies;
using Fabricish.Peer.Channels;

namespace Fabricish.Peer.Events;

/// <summary>A deliver session's right to read (Fabric's <c>SessionAccessControl</c> with the peer's ACL for
/// <c>event/Block</c> and <c>event/FilteredBlock</c>): the request's signature must satisfy
/// /Channel/Application/Readers, re-evaluated only when the channel's configuration sequence moves on, and the
/// session ends when the requester's certificate expires.</summary>
internal sealed class DeliverSessionAccess(IPeerLedger ledger, SignedData request, TimeProvider time)
{
    private readonly DateTimeOffset? _sessionEnd = CertificateExpiry.ExpiresAt(request.Identity.Span);
    private ulong? _evaluatedAt;
    private string? _denied;

    /// <returns>Null while the requester may read, otherwise why not.</returns>
    public string? Evaluate()
    {
        if (_sessionEnd is { } end && time.GetUtcNow() > end)
        {
            return $"deliver client identity expired {time.GetUtcNow() - end} before";
        }

        ChannelConfig config = ledger.Config;
        if (_evaluatedAt == config.Sequence)
        {
            return _denied;
        }

        _evaluatedAt = config.Sequence;
        if (!config.Policies.TryGetPolicy(PolicyManager.ApplicationReaders, out IPolicy? readers))
        {
            _denied = $"could not find policy {PolicyManager.ApplicationReaders}";
            return _denied;
        }

        PolicyResult result = readers.Evaluate([request]);
        _denied = result.Satisfied ? null : $"{result.Reason}: permission denied";
        return _denied;
    }
}
