using Fabricish.Channels.PrivateData;
using Fabricish.Ledger.PrivateData;
using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;

namespace Fabricish.Committer.PrivateData;

/// <summary>Commits private data of old blocks that the reconciler fetched (Fabric's CommitPvtDataOfOldBlocks): a set
/// must match the hash its block carries; a key's value enters private state only while the hashed key's committed
/// version is still the transaction's, so stale data never overwrites a later write nor revives a purged key; the
/// set is kept in the private data store either way and its missing entry cleared. The store is written only after
/// the state (<see cref="Prepared.StoreAll"/>): a crash in between leaves the entry missing, and reconciling it again
/// writes the same values at the same heights.</summary>
internal static class PrivateDataReconciliation
{
    /// <summary>What <see cref="PrepareAsync"/> decided: its outcome, and the private data store writes to make once
    /// the state updates are written.</summary>
    public sealed record Prepared(ReconcileOutcome Outcome, Action StoreAll);

    public static async Task<Prepared> PrepareAsync(
        IPrivateDataProvider provider, IReadOnlyList<ReconciledPrivateData> items, UpdateBatch updates, CommittedValue committed, CancellationToken cancellationToken)
    {
        ChannelPvtData store = provider.Store;
        var accepted = new List<(ReconciledPrivateData Item, ulong Expiring)>();
        int stored = 0, written = 0, stale = 0, refused = 0;
        var schedule = new List<ExpiringKey>();
        foreach (ReconciledPrivateData item in items)
        {
            MissingPrivateData missing = item.Missing;
            var expected = new ExpectedCollection(missing.Namespace, missing.Collection, missing.PvtRwSetHash);
            if (!expected.Matches(item.Rwset))
            {
                refused++;
                continue;
            }

            KVRWSet writes = KVRWSet.Parser.ParseFrom(item.Rwset);
            var height = new Height(missing.BlockNumber, missing.TxNumber);
            string hashedNs = PrivateDataKeys.HashedNamespace(missing.Namespace, missing.Collection);
            string privateNs = PrivateDataKeys.PrivateNamespace(missing.Namespace, missing.Collection);
            ulong expiring = BlockToLive.ExpiringBlock(missing.BlockNumber, provider.BlockToLive(missing.Namespace, missing.Collection));
            foreach (KVWrite write in writes.Writes)
            {
                string hashedKey = PrivateDataKeys.HashedKey(write.Key);
                bool current = !write.IsDelete
                    && await committed(hashedNs, hashedKey, cancellationToken).ConfigureAwait(false) is { } hash
                    && hash.Version == height;
                if (!current)
                {
                    stale += write.IsDelete ? 0 : 1;
                    continue;
                }

                updates.Put(privateNs, write.Key, write.Value.ToByteArray(), height);
                written++;
                if (expiring != ulong.MaxValue)
                {
                    schedule.Add(new ExpiringKey(expiring, missing.BlockNumber, missing.Namespace, missing.Collection, hashedKey, write.Key));
                }
            }

            accepted.Add((item, expiring));
            stored++;
        }

        return new Prepared(new ReconcileOutcome(stored, written, stale, refused), () =>
        {
            store.ScheduleExpiry(schedule);
            foreach ((ReconciledPrivateData item, ulong expiring) in accepted)
            {
                MissingPrivateData missing = item.Missing;
                store.Commit(missing.BlockNumber, missing.TxNumber, missing.TxId, missing.Namespace, missing.Collection, item.Rwset, expiring);
            }
        });
    }
}
