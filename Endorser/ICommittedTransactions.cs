namespace Fabricish.Endorser;

/// <summary>The channel ledger's transaction index, consulted so that a proposal whose txid is already in a block
/// (a replay or a blind retry) is refused before it is simulated.</summary>
public interface ICommittedTransactions
{
    bool Contains(string txId);
}
