namespace Fabricish.Ledger.State;

/// <summary>The world state of one channel (Fabric's VersionedDB), shared by the endorser, which simulates
/// against committed state, and the committer, which validates read versions and applies each block.
/// Keys are ordered by code point; namespaces (chaincode names) are created on first use. Infrastructure
/// faults surface as <see cref="StateDatabaseUnavailableException"/>.</summary>
public interface IStateDatabase
{
    Task<VersionedValue?> GetStateAsync(string ns, string key, CancellationToken cancellationToken = default);

    /// <summary>Values for <paramref name="keys"/>, in the same order, null where a key is absent.</summary>
    Task<IReadOnlyList<VersionedValue?>> GetStatesAsync(string ns, IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Committed versions for MVCC validation of a whole block in one call per namespace; absent keys are
    /// left out of the result. Also primes what the next <see cref="ApplyUpdatesAsync"/> needs.</summary>
    Task<IReadOnlyDictionary<CompositeKey, Height>> GetVersionsAsync(IReadOnlyCollection<CompositeKey> keys, CancellationToken cancellationToken = default);

    /// <summary>The committed value, metadata and version of each key of a block, in one call per namespace: what
    /// MVCC (versions), key-level validation (metadata) and the state update (values left unchanged) need, read once.
    /// Absent keys are left out. Like <see cref="GetVersionsAsync"/>, also primes what the next
    /// <see cref="ApplyUpdatesAsync"/> needs; by default one <see cref="GetStatesAsync"/> per namespace.</summary>
    async Task<IReadOnlyDictionary<CompositeKey, VersionedValue>> GetCommittedStatesAsync(
        IReadOnlyCollection<CompositeKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var states = new Dictionary<CompositeKey, VersionedValue>(keys.Count);
        foreach (IGrouping<string, CompositeKey> ns in keys.GroupBy(static key => key.Namespace, StringComparer.Ordinal))
        {
            string[] nsKeys = [.. ns.Select(static key => key.Key)];
            IReadOnlyList<VersionedValue?> values = await GetStatesAsync(ns.Key, nsKeys, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < nsKeys.Length; i++)
            {
                if (values[i] is { } value)
                {
                    states[new CompositeKey(ns.Key, nsKeys[i])] = value;
                }
            }
        }

        return states;
    }

    /// <summary>Every key in [<paramref name="startKey"/>, <paramref name="endKey"/>) in key order; an empty
    /// start or end key leaves that side open.</summary>
    IAsyncEnumerable<VersionedKV> GetStateRangeAsync(string ns, string startKey, string endKey, CancellationToken cancellationToken = default);

    /// <summary>At most <paramref name="pageSize"/> keys of the range, starting at <paramref name="bookmark"/>
    /// (a previous page's bookmark) or at <paramref name="startKey"/> when the bookmark is empty.</summary>
    Task<ResultsPage> GetStateRangePageAsync(string ns, string startKey, string endKey, int pageSize, string bookmark = "", CancellationToken cancellationToken = default);

    /// <summary>Rich query over JSON values: <paramref name="query"/> is a CouchDB Mango query object as chaincode
    /// passes it (<c>{"selector": {...}, "sort": [...], "fields": [...], "use_index": ...}</c>).</summary>
    IAsyncEnumerable<VersionedKV> ExecuteQueryAsync(string ns, string query, CancellationToken cancellationToken = default);

    Task<ResultsPage> ExecuteQueryPageAsync(string ns, string query, int pageSize, string bookmark = "", CancellationToken cancellationToken = default);

    /// <summary>Applies a block's updates (or several consecutive blocks' merged updates) and then records
    /// <paramref name="savepoint"/>, the last block covered. Re-applying blocks whose savepoint was not recorded (a
    /// crash in between) converges to the same state.</summary>
    /// <param name="afterStateWrite">Called once the updates are written and before the savepoint is, so a test can
    /// crash the process exactly there.</param>
    /// <param name="deferSavepoint">Writes the updates but leaves the stored savepoint where it is, remembering
    /// <paramref name="savepoint"/> only in memory (<see cref="GetLatestSavepointAsync"/>): for a committer whose next
    /// write already waits and records a savepoint covering both. A restart in between re-applies these blocks from the
    /// block store, which converges as above.</param>
    Task ApplyUpdatesAsync(UpdateBatch batch, Height savepoint, CancellationToken cancellationToken = default, Action? afterStateWrite = null, bool deferSavepoint = false);

    /// <summary>Height of the last block applied, null for a fresh channel.</summary>
    Task<Height?> GetLatestSavepointAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a chaincode-shipped CouchDB index (META-INF/statedb/couchdb/indexes/*.json).</summary>
    Task CreateIndexAsync(string ns, string indexJson, CancellationToken cancellationToken = default);

    /// <summary>Fabric's ValidateKeyValue, checked at endorsement so a write the database cannot store never
    /// reaches a block: null when acceptable, otherwise the reason.</summary>
    string? ValidateKeyValue(string key, byte[] value);
}
