namespace Fabricish.Peer.Host;

/// <summary>Private data dissemination, storage and reconciliation (<c>Peer:PrivateData:*</c>, Fabric's
/// peer.gossip.pvtData and ledger.pvtdataStore sections).</summary>
internal sealed record PeerPrivateDataOptions
{
    /// <summary>Fabric's transientstoreMaxBlockRetention (its code default; core.yaml ships 20000): private write sets
    /// endorsed more than this many blocks below the committing block leave the transient store, checked when a block
    /// whose number is a multiple of it commits.</summary>
    public ulong TransientStoreMaxBlockRetention { get; init; } = 1000;

    /// <summary>Fabric's pullRetryThreshold (60 s there): how long a member peer lacking a block's private data keeps
    /// pulling it from other members before committing the block without it and recording it missing. Short here, since
    /// the commit of the channel waits meanwhile.</summary>
    public TimeSpan PullRetryThreshold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Fabric's reconciliationEnabled: whether missing private data is fetched from member peers later.</summary>
    public bool ReconciliationEnabled { get; init; } = true;

    /// <summary>Fabric's reconcileSleepInterval: the pause between two reconciliation rounds.</summary>
    public TimeSpan ReconcileSleepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Fabric's reconcileBatchSize: missing entries fetched per channel and round, most recent blocks first.</summary>
    public int ReconcileBatchSize { get; init; } = 10;
}
