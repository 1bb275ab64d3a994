using System.Runtime.CompilerServices;
using Fabricish.Ledger;
using Fabricish.Ledger.History;
using Fabricish.Ledger.State;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Queryresult;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;

namespace Fabricish.Committer.History;

/// <summary>Answers history queries from the channel's history database (<see cref="BlockStore.History"/>), reading
/// each modification's value, tx id and timestamp from the block that holds it, as Fabric's history query executor
/// does. Heights above the state savepoint are left out, so a query never reports a write whose state is not
/// committed (the history database can be ahead only while recovery re-applies state).</summary>
public sealed class HistoryQueries(IStateDatabase state, BlockStore blocks) : IHistoryQueries
{
    public async IAsyncEnumerable<KeyModification> GetHistoryForKeyAsync(string ns, string key, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        ArgumentNullException.ThrowIfNull(key);
        IReadOnlyList<Height> heights = blocks.History.GetHeights(ns, key);
        if (heights.Count == 0 || await state.GetLatestSavepointAsync(cancellationToken).ConfigureAwait(false) is not { } savepoint)
        {
            yield break;
        }

        Block? block = null;
        for (int i = heights.Count - 1; i >= 0; i--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Height height = heights[i];
            if (height.BlockNum > savepoint.BlockNum)
            {
                continue;
            }

            // A key written by several transactions of one block: read that block once.
            if (block?.Header.Number != height.BlockNum)
            {
                block = blocks.GetBlock(height.BlockNum)
                    ?? throw new InvalidOperationException($"history names block {height.BlockNum}, which the block store does not hold");
            }

            if (Modification(block, height, ns, key) is { } modification)
            {
                yield return modification;
            }
        }
    }

    private static KeyModification? Modification(Block block, Height height, string ns, string key)
    {
        (ChannelHeader header, IReadOnlyList<Validation.NamespaceRwSet> rwSets) = TransactionReader.Read(block.Data.Data[(int)height.TxNum]);
        foreach (Validation.NamespaceRwSet rwSet in rwSets)
        {
            if (rwSet.Namespace != ns)
            {
                continue;
            }

            // A transaction may write a key more than once; the last write is the one that took effect.
            KVWrite? write = rwSet.KvRwSet.Writes.LastOrDefault(w => w.Key == key);
            if (write is not null)
            {
                return new KeyModification
                {
                    TxId = header.TxId,
                    Value = write.IsDelete ? Google.Protobuf.ByteString.Empty : write.Value,
                    Timestamp = header.Timestamp,
                    IsDelete = write.IsDelete,
                };
            }
        }

        return null;
    }
}
