using Fabricish.Ledger.State;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;

namespace Fabricish.Committer.Validation;

/// <summary>Fabric's state validator (core/ledger/kvledger/txmgmt/validation/validator.go): in block order, a still
/// valid transaction's reads must match the committed version and must not touch a key an earlier valid transaction
/// of the block wrote (MVCC_READ_CONFLICT); its range queries must return the same keys and versions when re-run
/// against committed state plus those earlier writes (PHANTOM_READ_CONFLICT). Each transaction that survives adds
/// its writes to the batch at height (block, tx). Before MVCC, each transaction's written keys are held to their
/// key-level endorsement policies (<see cref="KeyLevelValidator"/>); a valid transaction's metadata writes are applied
/// with its value writes (<see cref="KeyOperations"/>); private data hashes are read and written in the collections'
/// hashed namespaces.</summary>
/// <param name="pendingUpdate">Writes of earlier blocks whose state write is still in progress (the committer's
/// pipeline): a key they touch takes its version from there, and is not asked of the database.</param>
/// <param name="policies">Collection endorsement policies for the key-level stage; null means none has one.</param>
public sealed class MvccValidator(IStateDatabase state, Func<string, string, StateUpdate?>? pendingUpdate = null, IEndorsementPolicyProvider? policies = null)
{
    private readonly RangeQueryValidator _rangeQueries = new(state);

    public Task<MvccOutcome> ValidateAndPrepareAsync(ulong blockNumber, IReadOnlyList<ValidatedTransaction> transactions, CancellationToken cancellationToken = default) =>
        ValidateAndPrepareAsync(blockNumber, transactions, null, cancellationToken);

    /// <summary>Starts loading the committed state (value, metadata, version) of every key the block's endorser
    /// transactions read or write, so the database answers while their signatures are checked. Safe as long as no block is queued for writing
    /// between this call and <see cref="ValidateAndPrepareAsync(ulong, IReadOnlyList{ValidatedTransaction}, Task{StatePrefetch}?, CancellationToken)"/>:
    /// a key a queued block writes takes its version from that block (as in the load after validation), and any
    /// other key has no write in flight.</summary>
    internal Task<StatePrefetch> PrefetchStatesAsync(IList<Google.Protobuf.ByteString> envelopes, CancellationToken cancellationToken)
    {
        var keys = new HashSet<CompositeKey>();
        foreach (Google.Protobuf.ByteString envelope in envelopes)
        {
            PrefetchKeys.AddFrom(envelope.Span, keys);
        }

        return LoadAsync();

        async Task<StatePrefetch> LoadAsync() =>
            new(keys, await CommittedStatesAsync(keys, cancellationToken).ConfigureAwait(false));
    }

    /// <param name="prefetch">State loaded while the block was validated (<see cref="PrefetchStatesAsync"/>); keys it
    /// lacks are loaded now.</param>
    internal async Task<MvccOutcome> ValidateAndPrepareAsync(
        ulong blockNumber, IReadOnlyList<ValidatedTransaction> transactions, Task<StatePrefetch>? prefetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transactions);

        // One bulk load for the block, of the keys read and written: MVCC takes versions from it, the key-level stage
        // and the state update values and metadata; write keys also leave a CouchDB-backed state their revisions
        // for the commit that follows.
        Dictionary<CompositeKey, VersionedValue?> committed = prefetch is null
            ? await CommittedStatesAsync(KeysOf(transactions), cancellationToken).ConfigureAwait(false)
            : await WithPrefetchedAsync(KeysOf(transactions), await prefetch.ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var latest = new LatestState(committed);
        var keyLevel = new KeyLevelValidator(blockNumber, policies, latest);
        HashSet<string>? endorsedTxIds = null;
        var codes = new TxValidationCode[transactions.Count];
        var updates = new UpdateBatch();
        foreach (ValidatedTransaction tx in transactions)
        {
            TxValidationCode code = tx.Code;
            if (tx.Type == HeaderType.EndorserTransaction && tx.MayBeValid && tx.Endorsement is not null)
            {
                code = keyLevel.Validate(tx).Code;
            }

            // Fabric's markTXIdDuplicates, after the validation plugins (key-level policies included) and before MVCC:
            // only a transaction they passed claims its tx id in the block, so one they refused does not make a later
            // one with its id DUPLICATE_TXID (a later block's does: the block store indexes every tx id).
            if (code == TxValidationCode.Valid && tx.TxId.Length > 0 && !(endorsedTxIds ??= new HashSet<string>(StringComparer.Ordinal)).Add(tx.TxId))
            {
                code = TxValidationCode.DuplicateTxid;
            }

            if (code == TxValidationCode.Valid && tx.Type == HeaderType.EndorserTransaction)
            {
                code = await ValidateAsync(tx, committed, updates, cancellationToken).ConfigureAwait(false);
                if (code == TxValidationCode.Valid)
                {
                    KeyOperations.Apply(tx.RwSets, new Height(blockNumber, (ulong)tx.Index), updates, latest);
                }
            }

            codes[tx.Index] = code;
        }

        return new MvccOutcome(codes, updates);
    }

    /// <summary>Adds the writes of a transaction already known to be valid (recovery replays a stored block's
    /// outcome instead of re-deciding it).</summary>
    internal static void ApplyWrites(ValidatedTransaction tx, Height height, UpdateBatch updates) =>
        KeyOperations.Apply(tx.RwSets, height, updates, LatestState.Empty);

    /// <summary>The keys each transaction that may be valid writes, whose committed value and metadata the key-level
    /// stage and the state update need.</summary>
    internal static HashSet<CompositeKey> WrittenKeysOf(IReadOnlyList<ValidatedTransaction> transactions)
    {
        var keys = new HashSet<CompositeKey>();
        foreach (ValidatedTransaction tx in transactions)
        {
            if (tx.MayBeValid)
            {
                KeyOperations.AddWrittenKeys(keys, tx.RwSets);
            }
        }

        return keys;
    }

    private async Task<TxValidationCode> ValidateAsync(
        ValidatedTransaction tx, Dictionary<CompositeKey, VersionedValue?> committed, UpdateBatch updates, CancellationToken cancellationToken)
    {
        foreach (NamespaceRwSet ns in tx.RwSets)
        {
            foreach (KVRead read in ns.KvRwSet.Reads)
            {
                if (!ReadIsCurrent(ns.Namespace, read, committed, updates))
                {
                    return TxValidationCode.MvccReadConflict;
                }
            }

            if (!PrivateDataWrites.HashedReadsAreCurrent(ns, committed, updates))
            {
                return TxValidationCode.MvccReadConflict;
            }

            foreach (RangeQueryInfo rangeQuery in ns.KvRwSet.RangeQueriesInfo)
            {
                if (!await _rangeQueries.IsUnchangedAsync(ns.Namespace, rangeQuery, updates, cancellationToken).ConfigureAwait(false))
                {
                    return TxValidationCode.PhantomReadConflict;
                }
            }
        }

        return TxValidationCode.Valid;
    }

    private static bool ReadIsCurrent(string ns, KVRead read, Dictionary<CompositeKey, VersionedValue?> committed, UpdateBatch updates) =>
        !updates.Exists(ns, read.Key) && IsCommittedVersion(committed, new CompositeKey(ns, read.Key), read.Version);

    /// <summary>Whether <paramref name="key"/>'s committed version is the one read: none for a key read as absent.</summary>
    internal static bool IsCommittedVersion(Dictionary<CompositeKey, VersionedValue?> committed, CompositeKey key, Protos.Ledger.Rwset.Kvrwset.Version? read) =>
        committed.TryGetValue(key, out VersionedValue? value) && value is not null
            ? read is not null && value.Version == new Height(read.BlockNum, read.TxNum)
            : read is null;

    private async Task<Dictionary<CompositeKey, VersionedValue?>> WithPrefetchedAsync(
        HashSet<CompositeKey> keys, StatePrefetch prefetched, CancellationToken cancellationToken)
    {
        keys.ExceptWith(prefetched.Keys);
        if (keys.Count == 0)
        {
            return prefetched.States;
        }

        Dictionary<CompositeKey, VersionedValue?> loaded = await CommittedStatesAsync(keys, cancellationToken).ConfigureAwait(false);
        Dictionary<CompositeKey, VersionedValue?> states = prefetched.States;
        foreach ((CompositeKey key, VersionedValue? value) in loaded)
        {
            states[key] = value;
        }

        return states;
    }

    /// <summary>Every key's committed state, null where it has no live value; a key an earlier block still being written
    /// touches takes its state from that block and is not asked of the database.</summary>
    private async Task<Dictionary<CompositeKey, VersionedValue?>> CommittedStatesAsync(HashSet<CompositeKey> keys, CancellationToken cancellationToken)
    {
        var states = new Dictionary<CompositeKey, VersionedValue?>(keys.Count);
        List<CompositeKey>? toRead = null;
        foreach (CompositeKey key in keys)
        {
            if (pendingUpdate?.Invoke(key.Namespace, key.Key) is { } pending)
            {
                states[key] = pending.Value is null ? null : new VersionedValue(pending.Value, pending.Version, pending.Metadata);
            }
            else
            {
                (toRead ??= new List<CompositeKey>(keys.Count)).Add(key);
            }
        }

        if (toRead is not null)
        {
            IReadOnlyDictionary<CompositeKey, VersionedValue> loaded = await state.GetCommittedStatesAsync(toRead, cancellationToken).ConfigureAwait(false);
            foreach (CompositeKey key in toRead)
            {
                states[key] = loaded.TryGetValue(key, out VersionedValue? value) ? value : null;
            }
        }

        return states;
    }

    private static HashSet<CompositeKey> KeysOf(IReadOnlyList<ValidatedTransaction> transactions)
    {
        var keys = new HashSet<CompositeKey>();
        foreach (ValidatedTransaction tx in transactions)
        {
            if (tx.MayBeValid)
            {
                AddKeys(keys, tx.RwSets);
            }
        }

        return keys;
    }

    private static void AddKeys(HashSet<CompositeKey> keys, IReadOnlyList<NamespaceRwSet> rwSets)
    {
        foreach (NamespaceRwSet ns in rwSets)
        {
            foreach (KVRead read in ns.KvRwSet.Reads)
            {
                keys.Add(new CompositeKey(ns.Namespace, read.Key));
            }

            PrivateDataWrites.AddHashedKeys(keys, ns);
        }

        // Written keys, metadata writes among them: the key-level stage and the state update need their committed state.
        KeyOperations.AddWrittenKeys(keys, rwSets);
    }
}
