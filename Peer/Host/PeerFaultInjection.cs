namespace Fabricish.Peer.Host;

/// <summary>TEST-ONLY crash points for the crash-recovery tests (<c>Peer:FaultInjection:*</c>); everything is off by
/// default and must stay off in any real deployment: a set point kills the peer process without warning.</summary>
internal sealed record PeerFaultInjection
{
    /// <summary>When set, the peer SIGKILLs itself right after the state write that covers this block number and
    /// before that write's savepoint is recorded, leaving block store and state database as a power cut would.</summary>
    public ulong? KillAfterStateWriteOfBlock { get; init; }

    /// <summary>When true, every private write set this peer pushes to other member peers at endorsement has its first
    /// written value altered, so receivers get data whose hash does not match the transaction's.</summary>
    public bool TamperPrivateDataPush { get; init; }
}
