using Fabricish.Endorser;
using Fabricish.Ledger;
using Fabricish.Peer.Channels;

namespace Fabricish.Peer.Endorsing;

/// <summary>The block store's txid index, so a proposal whose transaction is already on the ledger is refused.</summary>
internal sealed class BlockStoreTransactions(IPeerLedger ledger) : ICommittedTransactions
{
    public bool Contains(string txId) => ledger.Blocks.TryGetTxLocation(txId, out TxLocation _);
}
