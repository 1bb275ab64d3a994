using System.Runtime.CompilerServices;
using Fabricish.Ledger;
using Fabricish.Ledger.State;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Queryresult;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;

namespace Fabricish.Committer.History;

/// <summary>Answers history queries from the <see cref="HistoryIndex"/> entries, reading each modification's value,
/// tx id and timestamp from the block that holds it, as Fabric's history query executor does.</summary>
public sealed class HistoryQueries(IStateDatabase state, BlockStore blocks) : IHistoryQueries
{
    public async IAsyncEnumerable<KeyModification> GetHistoryForKeyAsync(string ns, string key, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        ArgumentNullException.ThrowIfNull(key);
        (string start, string end) = HistoryIndex.Range(ns, key);
        var heights = new List<Height>();
        await foreach (VersionedKV entry in state.GetStateRangeAsync(HistoryIndex.Namespace, start, end, cancellationToken).ConfigureAwait(false))
        {
            if (HistoryIndex.TryParseHeight(entry.Key, out Height height))
            {
                heights.Add(height);
            }
        }

        for (int i = heights.Count - 1; i >= 0; i--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Modification(heights[i], ns, key) is { } modification)
            {
                yield return modification;
            }
        }
    }

    private KeyModification? Modification(Height height, string ns, string key)
    {
        Block block = blocks.GetBlock(height.BlockNum)
            ?? throw new InvalidOperationException($"history names block {height.BlockNum}, which the block store does not hold");
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
