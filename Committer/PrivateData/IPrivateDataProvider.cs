using Fabricish.Protos.Ledger.Rwset;

namespace Fabricish.Committer.PrivateData;

/// <summary>Where the committer gets a transaction's private write sets (Fabric's coordinator reading the transient
/// store, then pulling from other member peers), and which collections this peer must hold data for.</summary>
public interface IPrivateDataProvider
{
    /// <summary>True when this peer's organization is a member of the collection, so it must commit its data.</summary>
    bool IsEligible(string ns, string collection);

    /// <summary>The transaction's private write sets, from the transient store or pulled from a member peer for the
    /// <paramref name="needed"/> collections (namespace, collection); null when none can be had.</summary>
    Task<TxPvtReadWriteSet?> GetAsync(string txId, ulong blockNumber, IReadOnlyList<(string Namespace, string Collection)> needed, CancellationToken cancellationToken);

    /// <summary>The block is committed: its transactions' entries may leave the transient store.</summary>
    void Committed(ulong blockNumber, IReadOnlyList<string> txIds);
}
