using Fabricish.Channels.Deliver;
using Fabricish.Channels.Msp;
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
    private readonly ReadersAccess _readers = new(() => ledger.Config, PolicyManager.ApplicationReaders, request);

    /// <returns>Null while the requester may read, otherwise why not.</returns>
    public string? Evaluate()
    {
        if (_sessionEnd is { } end && time.GetUtcNow() > end)
        {
            return $"deliver client identity expired {time.GetUtcNow() - end} before";
        }

        return _readers.Evaluate();
    }
}
