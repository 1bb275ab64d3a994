namespace Fabricish.Ledger;

/// <summary>The transaction ids already on a channel's ledger (Fabric's txid index): the committer marks a replayed
/// transaction DUPLICATE_TXID, the endorser refuses a proposal whose transaction is already in a block (a replay or a
/// blind retry) before simulating it. Called concurrently, while a block's transactions are validated in parallel.
/// The <see cref="BlockStore"/> answers from its on-disk index.</summary>
public interface ICommittedTxIds
{
    bool Contains(string txId);
}
