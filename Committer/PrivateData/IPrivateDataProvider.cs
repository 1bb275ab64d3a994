using Fabricish.Ledger.PrivateData;
using Fabricish.Protos.Ledger.Rwset;

namespace Fabricish.Committer.PrivateData;

/// <summary>Where the committer gets a channel's private write sets (Fabric's coordinator reading the transient store,
/// then pulling from other member peers), which collections this peer must hold data for, their blockToLive, and the
/// peer's private data store.</summary>
public interface IPrivateDataProvider
{
    /// <summary>True when this peer's organization is a member of the collection, so it must commit its data.</summary>
    bool IsEligible(string ns, string collection);

    /// <summary>The collection's blockToLive; 0 keeps its data for ever.</summary>
    ulong BlockToLive(string ns, string collection);

    /// <summary>The channel's records in the peer's private data store.</summary>
    ChannelPvtData Store { get; }

    /// <summary>The transaction's private write sets this peer holds (its transient store), null when none.</summary>
    TxPvtReadWriteSet? GetLocal(string txId);

    /// <summary>Pulls the <paramref name="needed"/> collections from other member peers, retrying for a bounded time
    /// (Fabric's pullRetryThreshold) until every one arrived with the hash the block carries; returns those that did,
    /// null when none did. A set whose hash does not match is not returned.</summary>
    Task<TxPvtReadWriteSet?> PullAsync(string txId, ulong blockNumber, IReadOnlyList<ExpectedCollection> needed, CancellationToken cancellationToken);

    /// <summary>The block is committed: its transactions' entries leave the transient store, and so do entries older
    /// than the retention.</summary>
    void Committed(ulong blockNumber, IReadOnlyList<string> txIds);
}
