using Fabricish.Committer.Validation;
using Fabricish.Ledger.History;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;

namespace Fabricish.Committer.History;

/// <summary>What a block adds to the history database: every key written or deleted by each of its valid
/// transactions, as Fabric's history DB commit records them.</summary>
internal static class BlockHistory
{
    public static HistoryBlock Of(ulong blockNumber, IReadOnlyList<ValidatedTransaction> transactions, IReadOnlyList<TxValidationCode> codes)
    {
        List<HistoryWrite>? writes = null;
        foreach (ValidatedTransaction tx in transactions)
        {
            if (codes[tx.Index] == TxValidationCode.Valid)
            {
                Add(ref writes, tx.Index, tx.RwSets);
            }
        }

        return new HistoryBlock(blockNumber, writes ?? (IReadOnlyList<HistoryWrite>)[]);
    }

    public static void Add(ref List<HistoryWrite>? writes, int txIndex, IReadOnlyList<NamespaceRwSet> rwSets)
    {
        foreach (NamespaceRwSet ns in rwSets)
        {
            foreach (KVWrite write in ns.KvRwSet.Writes)
            {
                (writes ??= new List<HistoryWrite>(64)).Add(new HistoryWrite(txIndex, ns.Namespace, write.Key));
            }
        }
    }
}
