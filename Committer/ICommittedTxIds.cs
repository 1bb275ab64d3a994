namespace Fabricish.Committer;

/// <summary>The transaction ids already on the ledger, so a replayed transaction is marked DUPLICATE_TXID.
/// Called concurrently while a block's transactions are validated in parallel.</summary>
public interface ICommittedTxIds
{
    bool Contains(string txId);
}
