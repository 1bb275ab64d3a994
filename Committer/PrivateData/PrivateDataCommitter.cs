using System.Security.Cryptography;
using Fabricish.Channels.PrivateData;
using Fabricish.Committer.Validation;
using Fabricish.Ledger.PrivateData;
using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;
using Microsoft.Extensions.Logging;

namespace Fabricish.Committer.PrivateData;

/// <summary>Fabric's privdata coordinator and purge manager at commit. For each valid transaction with hashed writes
/// in a collection this peer belongs to, the private write set comes from the transient store, and when it is absent
/// or its SHA-256 does not match the hash the block carries (a tampered set is refused), it is pulled from other member
/// peers for a bounded time; what is still lacking is committed as missing (recorded for the reconciler, and logged).
/// Matching sets are put in <c>&lt;ns&gt;$$p&lt;coll&gt;</c> at the transaction's height beside the hashes every peer
/// writes, and kept in the private data store. Keys whose collection's blockToLive runs out at this block are purged,
/// and this block's keys are scheduled. A peer outside a collection stores only its hashes.</summary>
public sealed partial class PrivateDataCommitter(IPrivateDataProvider provider, ILogger logger)
{
    // The last block whose purge AddPrivateWritesAsync added (its deletes are queued or written): the next block in
    // order need not look at entries expiring by then again. Any other block (a replay, a block delivered again after
    // a failed commit) looks at every entry still scheduled.
    private ulong? _purgedThrough;

    /// <param name="committed">Reads a key as the blocks before this one left it (queued state writes included): the
    /// purge compares versions with it, and a private key whose metadata alone this block changed keeps a value at the
    /// version of its hash through it.</param>
    public async Task AddPrivateWritesAsync(
        ulong blockNumber, IReadOnlyList<ValidatedTransaction> transactions, MvccOutcome outcome, CommittedValue committed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(committed);
        ChannelPvtData store = provider.Store;
        var committedTxIds = new List<string>();
        var schedule = new List<ExpiringKey>();
        var metadataOnly = new HashSet<(string Namespace, string Collection, string Key)>();
        foreach (ValidatedTransaction tx in transactions)
        {
            if (tx.TxId.Length > 0)
            {
                committedTxIds.Add(tx.TxId);
            }

            if (outcome.Codes[tx.Index] == TxValidationCode.Valid)
            {
                await CommitTransactionAsync(store, blockNumber, tx, outcome.Updates, schedule, metadataOnly, cancellationToken).ConfigureAwait(false);
            }
        }

        ulong from = _purgedThrough is { } purged && purged + 1 == blockNumber ? blockNumber : 0;
        _purgedThrough = null;
        await FinishBlockAsync(store, blockNumber, outcome.Updates, schedule, metadataOnly, committed, from, cancellationToken).ConfigureAwait(false);
        _purgedThrough = blockNumber;
        provider.Committed(blockNumber, committedTxIds);
    }

    /// <summary>Recovery of a stored block above the state savepoint, as Fabric's recovery runs a block through the
    /// same commit path again: the private writes this peer committed for it come back from the private data store
    /// (the transient store let go of them at commit), metadata-only writes renew their values' versions, the block's
    /// keys are scheduled again (the same entries) and what expires by this block is purged, so a peer killed between
    /// any two steps of a commit ends with the state of one that never stopped.</summary>
    /// <param name="valid">The block's valid transactions, each with its tx id.</param>
    /// <param name="committed">Reads the state as the blocks before this one left it.</param>
    public async Task ReplayAsync(
        ulong blockNumber, IReadOnlyList<ValidatedTransaction> valid, UpdateBatch updates, CommittedValue committed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(committed);
        ChannelPvtData store = provider.Store;
        var schedule = new List<ExpiringKey>();
        var metadataOnly = new HashSet<(string Namespace, string Collection, string Key)>();
        foreach (ValidatedTransaction tx in valid)
        {
            var height = new Height(blockNumber, (ulong)tx.Index);
            foreach (NamespaceRwSet ns in tx.RwSets)
            {
                foreach (CollectionRwSet collection in ns.CollectionSets)
                {
                    if (collection.Hashed.HashedWrites.Count == 0 && collection.Hashed.MetadataWrites.Count == 0)
                    {
                        continue;
                    }

                    KVRWSet? writes = store.Get(tx.TxId, ns.Namespace, collection.Collection) is { } rwset ? KVRWSet.Parser.ParseFrom(rwset) : null;
                    if (writes is not null)
                    {
                        Apply(ns.Namespace, collection.Collection, writes, height, updates);
                        foreach (KVMetadataWrite metadata in writes.MetadataWrites)
                        {
                            metadataOnly.Add((ns.Namespace, collection.Collection, metadata.Key));
                        }
                    }

                    PrivateDataPurge.Schedule(
                        schedule, blockNumber, provider.BlockToLive(ns.Namespace, collection.Collection), ns.Namespace, collection.Collection, collection.Hashed, writes);
                }
            }
        }

        _purgedThrough = null;
        await FinishBlockAsync(store, blockNumber, updates, schedule, metadataOnly, committed, from: 0, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The block's state write and every one before it are under a recorded savepoint: the expiry schedule up to
    /// it, and the stored private write sets that expired by then, are let go. Before that a crash replays those blocks,
    /// and their purge needs the schedule (and their re-applied values the stored sets).</summary>
    public void SavepointRecorded(ulong blockNumber) => provider.Store.PurgeExpired(blockNumber);

    /// <summary>Fabric's collection eligibility processing (collElgNotifier, ProcessCollsEligibilityEnabled): the
    /// ineligible missing data of every collection this peer's organization is now a member of becomes eligible, so
    /// the reconciler fetches the data of blocks committed before the definition that made it a member. Idempotent;
    /// the committer runs it once chaincode definitions changed, and when it opens. Returns the entries made eligible.</summary>
    public int ProcessEligibility()
    {
        ChannelPvtData store = provider.Store;
        int count = 0;
        foreach ((string ns, string collection) in store.IneligibleCollections())
        {
            if (provider.IsEligible(ns, collection))
            {
                int made = store.MakeEligible(ns, collection);
                LogEligible(logger, made, ns, collection);
                count += made;
            }
        }

        return count;
    }

    private async Task FinishBlockAsync(
        ChannelPvtData store, ulong blockNumber, UpdateBatch updates, List<ExpiringKey> schedule,
        HashSet<(string Namespace, string Collection, string Key)> metadataOnly, CommittedValue committed, ulong from, CancellationToken cancellationToken)
    {
        if (metadataOnly.Count > 0)
        {
            await RenewVersionsAsync(metadataOnly, updates, committed, cancellationToken).ConfigureAwait(false);
        }

        // Written before the block reaches the block store: a replay of this block finds its schedule.
        store.ScheduleExpiry(schedule);
        int purged = await PrivateDataPurge.AddExpiredAsync(store, blockNumber, updates, committed, cancellationToken, from).ConfigureAwait(false);
        if (purged > 0)
        {
            LogPurged(logger, purged, blockNumber);
        }
    }

    private async Task CommitTransactionAsync(
        ChannelPvtData store, ulong blockNumber, ValidatedTransaction tx, UpdateBatch updates, List<ExpiringKey> schedule,
        HashSet<(string Namespace, string Collection, string Key)> metadataOnly, CancellationToken cancellationToken)
    {
        List<(ExpectedCollection Expected, CollectionRwSet Set)>? needed = null;
        foreach (NamespaceRwSet ns in tx.RwSets)
        {
            foreach (CollectionRwSet collection in ns.CollectionSets)
            {
                if (collection.Hashed.HashedWrites.Count == 0 && collection.Hashed.MetadataWrites.Count == 0)
                {
                    continue;
                }

                if (provider.IsEligible(ns.Namespace, collection.Collection))
                {
                    (needed ??= []).Add((new ExpectedCollection(ns.Namespace, collection.Collection, collection.PvtRwSetHash.ToByteArray()), collection));
                }
                else
                {
                    // Fabric's ineligible missing data: kept so that a definition making this peer's organization a
                    // member later lets the reconciler fetch it (ProcessEligibility).
                    ulong blockToLive = provider.BlockToLive(ns.Namespace, collection.Collection);
                    store.RecordMissing(
                        new MissingPrivateData(blockNumber, (ulong)tx.Index, tx.TxId, ns.Namespace, collection.Collection, collection.PvtRwSetHash.ToByteArray()),
                        eligible: false, BlockToLive.ExpiringBlock(blockNumber, blockToLive));
                    PrivateDataPurge.Schedule(schedule, blockNumber, blockToLive, ns.Namespace, collection.Collection, collection.Hashed, null);
                }
            }
        }

        if (needed is null)
        {
            return;
        }

        TxPvtReadWriteSet? local = provider.GetLocal(tx.TxId);
        var found = new Dictionary<ExpectedCollection, CollectionPvtReadWriteSet>();
        var lacking = new List<ExpectedCollection>();
        foreach ((ExpectedCollection expected, _) in needed)
        {
            CollectionPvtReadWriteSet? data = PrivateWriteSets.Find(local, expected.Namespace, expected.Collection);
            if (data is not null && expected.Matches(data.Rwset.Span))
            {
                found[expected] = data;
                continue;
            }

            if (data is not null)
            {
                LogHashMismatch(logger, tx.TxId, blockNumber, expected.Namespace, expected.Collection);
            }

            lacking.Add(expected);
        }

        if (lacking.Count > 0)
        {
            TxPvtReadWriteSet? pulled = await provider.PullAsync(tx.TxId, blockNumber, lacking, cancellationToken).ConfigureAwait(false);
            foreach (ExpectedCollection expected in lacking)
            {
                if (PrivateWriteSets.Find(pulled, expected.Namespace, expected.Collection) is { } data && expected.Matches(data.Rwset.Span))
                {
                    found[expected] = data;
                }
            }
        }

        var height = new Height(blockNumber, (ulong)tx.Index);
        foreach ((ExpectedCollection expected, CollectionRwSet set) in needed)
        {
            ulong blockToLive = provider.BlockToLive(expected.Namespace, expected.Collection);
            if (!found.TryGetValue(expected, out CollectionPvtReadWriteSet? data))
            {
                LogMissing(logger, blockNumber, tx.TxId, expected.Namespace, expected.Collection);
                store.RecordMissing(
                    new MissingPrivateData(blockNumber, (ulong)tx.Index, tx.TxId, expected.Namespace, expected.Collection, expected.PvtRwSetHash),
                    eligible: true, BlockToLive.ExpiringBlock(blockNumber, blockToLive));
                PrivateDataPurge.Schedule(schedule, blockNumber, blockToLive, expected.Namespace, expected.Collection, set.Hashed, null);
                continue;
            }

            KVRWSet writes = KVRWSet.Parser.ParseFrom(data.Rwset.Span);
            Apply(expected.Namespace, expected.Collection, writes, height, updates);
            foreach (KVMetadataWrite metadata in writes.MetadataWrites)
            {
                metadataOnly.Add((expected.Namespace, expected.Collection, metadata.Key));
            }

            store.Commit(blockNumber, (ulong)tx.Index, tx.TxId, expected.Namespace, expected.Collection, data.Rwset.Span, BlockToLive.ExpiringBlock(blockNumber, blockToLive));
            PrivateDataPurge.Schedule(schedule, blockNumber, blockToLive, expected.Namespace, expected.Collection, set.Hashed, writes);
        }
    }

    /// <summary>As Fabric's incrementPvtdataVersionIfNeeded: a metadata-only write moved the key's hash to a new version
    /// while its private value stayed; the value is put again at the hash's version when it is the one the hash
    /// stands for (data committed while missing may be stale and is left for reconciliation), so reads that compare
    /// the two versions keep answering.</summary>
    private static async Task RenewVersionsAsync(
        HashSet<(string Namespace, string Collection, string Key)> keys, UpdateBatch updates, CommittedValue latest, CancellationToken cancellationToken)
    {
        foreach ((string ns, string collection, string key) in keys)
        {
            if (updates.Get(PrivateDataKeys.HashedNamespace(ns, collection), PrivateDataKeys.HashedKey(key)) is not { Value: { } valueHash } hashed)
            {
                // The metadata write was on a key that does not exist, or a later transaction deleted the key.
                continue;
            }

            string privateNs = PrivateDataKeys.PrivateNamespace(ns, collection);
            byte[]? value;
            Height version;
            if (updates.Get(privateNs, key) is { } pending)
            {
                (value, version) = (pending.Value, pending.Version);
            }
            else if (await latest(privateNs, key, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                (value, version) = (stored.Value, stored.Version);
            }
            else
            {
                continue;
            }

            if (value is not null && version != hashed.Version && SHA256.HashData(value).AsSpan().SequenceEqual(valueHash))
            {
                updates.Put(privateNs, key, value, hashed.Version);
            }
        }
    }

    internal static void Apply(string ns, string collection, KVRWSet writes, Height height, UpdateBatch updates)
    {
        string privateNs = PrivateDataKeys.PrivateNamespace(ns, collection);
        foreach (KVWrite write in writes.Writes)
        {
            if (write.IsDelete)
            {
                updates.Delete(privateNs, write.Key, height);
            }
            else
            {
                updates.Put(privateNs, write.Key, write.Value.ToByteArray(), height);
            }
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning,
        Message = "private data missing on this member peer: block {BlockNumber}, transaction {TxId}, namespace {Namespace}, collection {Collection}; committed without it (only its hashes), recorded for reconciliation")]
    private static partial void LogMissing(ILogger logger, ulong blockNumber, string txId, string @namespace, string collection);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning,
        Message = "private data of transaction {TxId} in block {BlockNumber} for collection {Namespace}/{Collection} does not match the hash in the block; refused, pulling it from other member peers")]
    private static partial void LogHashMismatch(ILogger logger, string txId, ulong blockNumber, string @namespace, string collection);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information,
        Message = "this peer's organization is now a member of collection {Namespace}/{Collection}: {Count} missing private data entries of earlier blocks are queued for reconciliation")]
    private static partial void LogEligible(ILogger logger, int count, string @namespace, string collection);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "purged {Count} private keys whose blockToLive ran out at block {BlockNumber}")]
    private static partial void LogPurged(ILogger logger, int count, ulong blockNumber);
}
