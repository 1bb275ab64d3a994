using Fabricish.Ledger;

namespace Fabricish.Committer;

/// <summary><see cref="ICommittedTxIds"/> over the block store's persisted tx id index.</summary>
public sealed class BlockStoreTxIds(BlockStore store) : ICommittedTxIds
{
    public bool Contains(string txId) => store.TryGetTxLocation(txId, out _);
}
