using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;

namespace Fabricish.Committer.Validation;

/// <summary>Fabric's range query validators (rangequery_validator.go): re-runs a recorded range query over committed
/// state overlaid with the writes of earlier valid transactions of the block, and requires exactly the recorded keys
/// at the recorded versions — raw reads compared one by one, or a merkle summary rebuilt and compared. Any key that
/// appeared, vanished or changed in between is a phantom.</summary>
internal sealed class RangeQueryValidator(IStateDatabase state)
{
    public async Task<bool> IsUnchangedAsync(string ns, RangeQueryInfo query, UpdateBatch updates, CancellationToken cancellationToken)
    {
        IAsyncEnumerable<(string Key, Height Version)> current = CombinedRangeAsync(ns, query, updates, cancellationToken);
        return query.ReadsMerkleHashes is { } summary
            ? await MatchesSummaryAsync(current, summary).ConfigureAwait(false)
            : await MatchesRawReadsAsync(current, query.RawReads?.KvReads ?? []).ConfigureAwait(false);
    }

    private static async Task<bool> MatchesRawReadsAsync(IAsyncEnumerable<(string Key, Height Version)> current, IList<KVRead> recorded)
    {
        int next = 0;
        await foreach ((string key, Height version) in current.ConfigureAwait(false))
        {
            if (next == recorded.Count)
            {
                return false;
            }

            KVRead read = recorded[next++];
            if (read.Key != key || read.Version is null || version != new Height(read.Version.BlockNum, read.Version.TxNum))
            {
                return false;
            }
        }

        return next == recorded.Count;
    }

    private static async Task<bool> MatchesSummaryAsync(IAsyncEnumerable<(string Key, Height Version)> current, QueryReadsMerkleSummary recorded)
    {
        var tree = new RangeQueryMerkleTree(recorded.MaxDegree);
        await foreach ((string key, Height version) in current.ConfigureAwait(false))
        {
            tree.Add(new KVRead { Key = key, Version = new Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = version.BlockNum, TxNum = version.TxNum } });
        }

        return RangeQueryMerkleTree.SameSummary(recorded, tree.Complete());
    }

    /// <summary>Fabric's combined iterator: the range as it is now, in key order. A query the chaincode stopped
    /// early recorded its last key as the end, which then belongs to the range.</summary>
    private async IAsyncEnumerable<(string Key, Height Version)> CombinedRangeAsync(
        string ns, RangeQueryInfo query, UpdateBatch updates, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string start = query.StartKey;
        bool includeEnd = !query.ItrExhausted && query.EndKey.Length > 0;

        // The smallest key after EndKey in code point order, so the half-open scan includes EndKey itself.
        string end = includeEnd ? query.EndKey + "\0" : query.EndKey;
        StateKeyOrder order = StateKeyOrder.Instance;
        using IEnumerator<KeyValuePair<string, StateUpdate>> pending = updates.GetUpdates(ns)
            .Where(u => order.Compare(u.Key, start) >= 0 && (end.Length == 0 || order.Compare(u.Key, end) < 0))
            .GetEnumerator();
        bool hasPending = pending.MoveNext();
        await foreach (VersionedKV committed in state.GetStateRangeAsync(ns, start, end, cancellationToken).ConfigureAwait(false))
        {
            while (hasPending && order.Compare(pending.Current.Key, committed.Key) < 0)
            {
                if (!pending.Current.Value.IsDelete)
                {
                    yield return (pending.Current.Key, pending.Current.Value.Version);
                }

                hasPending = pending.MoveNext();
            }

            if (hasPending && pending.Current.Key == committed.Key)
            {
                if (!pending.Current.Value.IsDelete)
                {
                    yield return (pending.Current.Key, pending.Current.Value.Version);
                }

                hasPending = pending.MoveNext();
                continue;
            }

            yield return (committed.Key, committed.VersionedValue.Version);
        }

        while (hasPending)
        {
            if (!pending.Current.Value.IsDelete)
            {
                yield return (pending.Current.Key, pending.Current.Value.Version);
            }

            hasPending = pending.MoveNext();
        }
    }
}
