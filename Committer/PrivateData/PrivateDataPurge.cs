using Fabricish.Channels.PrivateData;
using Fabricish.Ledger.PrivateData;
using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;

namespace Fabricish.Committer.PrivateData;

/// <summary>Fabric's purge manager (pvtstatepurgemgmt): a private key written at block b in a collection with
/// blockToLive N is scheduled to expire at block b+N+1; when that block commits, its value and its hash leave state
/// unless a later block wrote the key again (the committed version is no longer b), and neither is deleted when the
/// expiring block itself writes it.</summary>
internal static class PrivateDataPurge
{
    /// <summary>The schedule entries of one collection's writes committed at <paramref name="blockNumber"/>.</summary>
    public static void Schedule(List<ExpiringKey> schedule, ulong blockNumber, ulong blockToLive, string ns, string collection, HashedRWSet hashed, KVRWSet? writes)
    {
        ulong expiring = BlockToLive.ExpiringBlock(blockNumber, blockToLive);
        if (expiring == ulong.MaxValue)
        {
            return;
        }

        Dictionary<string, string>? plain = writes?.Writes.Where(w => !w.IsDelete).ToDictionary(w => PrivateDataKeys.HashedKey(w.Key), w => w.Key);
        foreach (KVWriteHash write in hashed.HashedWrites)
        {
            if (write.IsDelete || write.IsPurge)
            {
                continue;
            }

            string hashedKey = PrivateDataKeys.HashedKey(write.KeyHash.Span);
            schedule.Add(new ExpiringKey(expiring, blockNumber, ns, collection, hashedKey, plain?.GetValueOrDefault(hashedKey) ?? string.Empty));
        }
    }

    /// <summary>Adds to <paramref name="updates"/> the deletes of every key expiring by <paramref name="blockNumber"/>
    /// and returns how many keys it purged. Idempotent: the schedule keeps an entry until the state write that purged
    /// it is under a recorded savepoint, so entries of earlier blocks may come again; a key already purged (absent) or
    /// written again (another block's version) is left alone, which makes running it again on a replayed block, or on
    /// a later block, change nothing.</summary>
    /// <param name="from">The first expiring block to look at: the committer skips those whose purge an earlier block of
    /// this run already added.</param>
    public static async Task<int> AddExpiredAsync(
        ChannelPvtData store, ulong blockNumber, UpdateBatch updates, CommittedValue committed, CancellationToken cancellationToken, ulong from = 0)
    {
        IReadOnlyList<ExpiringKey> expiring = store.ExpiringBy(blockNumber, from);
        int purged = 0;
        var version = new Height(blockNumber, ulong.MaxValue);
        foreach (ExpiringKey key in expiring)
        {
            string hashedNs = PrivateDataKeys.HashedNamespace(key.Namespace, key.Collection);
            string privateNs = PrivateDataKeys.PrivateNamespace(key.Namespace, key.Collection);
            bool hashCurrent = await committed(hashedNs, key.HashedKey, cancellationToken).ConfigureAwait(false) is { } hash
                && hash.Version.BlockNum == key.CommittingBlock;
            bool valueCurrent = key.Key.Length > 0
                && await committed(privateNs, key.Key, cancellationToken).ConfigureAwait(false) is { } value
                && value.Version.BlockNum == key.CommittingBlock;
            if (hashCurrent && !updates.Exists(hashedNs, key.HashedKey))
            {
                updates.Delete(hashedNs, key.HashedKey, version);
                purged++;
            }

            if ((hashCurrent || valueCurrent) && key.Key.Length > 0 && !updates.Exists(privateNs, key.Key))
            {
                updates.Delete(privateNs, key.Key, version);
            }
        }

        return purged;
    }
}
