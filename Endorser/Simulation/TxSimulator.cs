using System.Runtime.CompilerServices;
using Fabricish.Ledger.History;
using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Queryresult;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;

namespace Fabricish.Endorser.Simulation;

/// <summary>Fabric's lockbased txSimulator over committed world state. Reads record the committed version of each
/// key; writes and deletes are only buffered, and a read never sees the transaction's own writes, because what the
/// endorsement signs is "given these committed versions, write these values". The simulation is pinned to the
/// savepoint seen when it started. Given the channel's commit lock it holds the read side from before that savepoint
/// is read until Done or Dispose, so no block commits underneath (Fabric's commitRWLock); a read that still meets a
/// newer version (no lock, or a writer outside the committer) means the state moved, and the simulation is refused
/// rather than built on two different heights.</summary>
public sealed partial class TxSimulator : IDisposable
{
    private readonly IStateDatabase _state;
    private readonly IHistoryQueries? _history;
    private readonly RWSetBuilder _builder = new();
    private readonly List<RangeScanIterator> _rangeScans = [];
    private readonly Lock _gate = new();
    private bool _writePerformed;
    private bool _paginatedQueryPerformed;
    private bool _done;
    private StateCommitLockHandle? _commitRead;

    // The committed metadata of each public key read, for the key-level policies of the ChaincodeInterest.
    private Dictionary<(string Namespace, string Key), byte[]?>? _readMetadata;

    public TxSimulator(IStateDatabase state, string txId, Height? snapshot, IHistoryQueries? history = null)
        : this(state, txId, snapshot, history, commitRead: null)
    {
    }

    private TxSimulator(IStateDatabase state, string txId, Height? snapshot, IHistoryQueries? history, StateCommitLockHandle? commitRead)
    {
        _commitRead = commitRead;
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(txId);
        _state = state;
        _history = history;
        TxId = txId;
        Snapshot = snapshot;
    }

    public string TxId { get; }

    /// <summary>The savepoint (last committed block) the simulation reads at; null before any block was applied.</summary>
    public Height? Snapshot { get; }

    public static async Task<TxSimulator> CreateAsync(IStateDatabase state, string txId, IHistoryQueries? history = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        Height? snapshot = await state.GetLatestSavepointAsync(cancellationToken).ConfigureAwait(false);
        return new TxSimulator(state, txId, snapshot, history);
    }

    /// <summary>A simulator that holds <paramref name="commitLock"/> for reading until Done or Dispose; waits while a
    /// block is being committed, then reads at that block.</summary>
    public static async Task<TxSimulator> CreateAsync(
        IStateDatabase state, string txId, IHistoryQueries? history, StateCommitLock? commitLock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(txId);
        if (commitLock is null)
        {
            return await CreateAsync(state, txId, history, cancellationToken).ConfigureAwait(false);
        }

        StateCommitLockHandle held = await commitLock.EnterReadAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Height? snapshot = await state.GetLatestSavepointAsync(cancellationToken).ConfigureAwait(false);
            return new TxSimulator(state, txId, snapshot, history, held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Releases the commit lock if Done has not; the simulator accepts nothing afterwards.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _done = true;
        }

        Interlocked.Exchange(ref _commitRead, null)?.Dispose();
    }

    public async Task<byte[]?> GetStateAsync(string ns, string key, CancellationToken cancellationToken = default) =>
        (await ReadCommittedAsync(ns, key, cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>The committed value of a public key, recorded in the read set at the version read.</summary>
    private async ValueTask<VersionedValue?> ReadCommittedAsync(string ns, string key, CancellationToken cancellationToken)
    {
        CheckNotDone();
        VersionedValue? committed = await _state.GetStateAsync(ns, key, cancellationToken).ConfigureAwait(false);
        if (committed is not null)
        {
            CheckSnapshot(ns, key, committed.Version);
        }

        lock (_gate)
        {
            _builder.AddToReadSet(ns, key, committed?.Version);
            (_readMetadata ??= [])[(ns, key)] = committed?.Metadata;
        }

        return committed;
    }

    /// <summary>The metadata a read of the public key found, when the simulation read it.</summary>
    private bool ReadMetadataOf(string ns, string key, out byte[]? metadata)
    {
        lock (_gate)
        {
            metadata = null;
            return _readMetadata is not null && _readMetadata.TryGetValue((ns, key), out metadata);
        }
    }

    public void SetState(string ns, string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string? invalid = _state.ValidateKeyValue(key, value);
        if (invalid is not null)
        {
            throw new TxSimulatorException(invalid);
        }

        BeforeWrite();
        lock (_gate)
        {
            _builder.AddToWriteSet(ns, key, value);
        }
    }

    public void DeleteState(string ns, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        BeforeWrite();
        lock (_gate)
        {
            _builder.AddToWriteSet(ns, key, null);
        }
    }

    /// <summary>A range scan over [start, end) whose pulled results become a RangeQueryInfo of the read set.</summary>
    public IAsyncEnumerator<VersionedKV> GetStateRangeScanIterator(string ns, string startKey, string endKey, CancellationToken cancellationToken = default)
    {
        CheckNotDone();
        var scan = new RangeScanIterator(this, ns, startKey, endKey, _state.GetStateRangeAsync(ns, startKey, endKey, cancellationToken), cancellationToken);
        lock (_gate)
        {
            _rangeScans.Add(scan);
        }

        return scan;
    }

    /// <summary>One page of a range; like Fabric, not allowed in a transaction that writes.</summary>
    public async Task<ResultsPage> GetStateRangePageAsync(string ns, string startKey, string endKey, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        BeforePaginatedQuery();
        ResultsPage page = await _state.GetStateRangePageAsync(ns, startKey, endKey, pageSize, bookmark, cancellationToken).ConfigureAwait(false);
        var reads = new QueryReads();
        foreach (VersionedKV kv in page.Results)
        {
            CheckSnapshot(ns, kv.Key, kv.VersionedValue.Version);
            reads.KvReads.Add(RWSetBuilder.NewKVRead(kv.Key, kv.VersionedValue.Version));
        }

        bool exhausted = page.Bookmark.Length == 0 || page.Bookmark == endKey;
        var info = new RangeQueryInfo
        {
            StartKey = bookmark.Length > 0 ? bookmark : startKey,
            EndKey = exhausted || page.Results.Count == 0 ? endKey : page.Results[^1].Key,
            ItrExhausted = exhausted,
            RawReads = reads,
        };
        lock (_gate)
        {
            _builder.AddToRangeQuerySet(ns, info);
        }

        return page;
    }

    /// <summary>A rich query. As in Fabric its results are not recorded: the committer cannot re-run it, so
    /// chaincode should not base writes on it.</summary>
    public async IAsyncEnumerable<VersionedKV> ExecuteQueryAsync(string ns, string query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CheckNotDone();
        await foreach (VersionedKV kv in _state.ExecuteQueryAsync(ns, query, cancellationToken).ConfigureAwait(false))
        {
            CheckSnapshot(ns, kv.Key, kv.VersionedValue.Version);
            yield return kv;
        }
    }

    public async Task<ResultsPage> ExecuteQueryPageAsync(string ns, string query, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        BeforePaginatedQuery();
        ResultsPage page = await _state.ExecuteQueryPageAsync(ns, query, pageSize, bookmark, cancellationToken).ConfigureAwait(false);
        foreach (VersionedKV kv in page.Results)
        {
            CheckSnapshot(ns, kv.Key, kv.VersionedValue.Version);
        }

        return page;
    }

    public IAsyncEnumerable<KeyModification> GetHistoryForKeyAsync(string ns, string key, CancellationToken cancellationToken = default)
    {
        CheckNotDone();
        if (_history is null)
        {
            throw new TxSimulatorException("history database is not enabled on this peer: GetHistoryForKey is not available");
        }

        return _history.GetHistoryForKeyAsync(ns, key, cancellationToken);
    }

    /// <summary>The public read-write set; the simulator accepts nothing afterwards (Fabric's Done).</summary>
    public TxReadWriteSet GetTxSimulationResults()
    {
        lock (_gate)
        {
            _done = true;
            foreach (RangeScanIterator scan in _rangeScans)
            {
                _builder.AddToRangeQuerySet(scan.Namespace, scan.Info);
            }

            _rangeScans.Clear();
            TxReadWriteSet results = _builder.Build();
            Interlocked.Exchange(ref _commitRead, null)?.Dispose();
            return results;
        }
    }

    internal void CheckSnapshot(string ns, string key, Height version)
    {
        if (Snapshot is not { } snapshot || version > snapshot)
        {
            throw new TxSimulatorException(
                $"state moved during simulation: key [{ns}/{key}] has version {version}, newer than the simulation height {Snapshot?.ToString() ?? "(empty ledger)"}; retry the proposal");
        }
    }

    private void CheckNotDone()
    {
        if (_done)
        {
            throw new TxSimulatorException("this instance should not be used after calling Done()");
        }
    }

    private void BeforeWrite()
    {
        lock (_gate)
        {
            CheckNotDone();
            if (_paginatedQueryPerformed)
            {
                throw new TxSimulatorException("transaction has already performed a paginated query. Writes are not allowed");
            }

            if (_privateQueryPerformed)
            {
                throw new TxSimulatorException($"txid [{TxId}]: unsuppored transaction. Transaction has already performed queries on pvt data. Writes are not allowed");
            }

            _writePerformed = true;
        }
    }

    private void BeforePaginatedQuery()
    {
        lock (_gate)
        {
            CheckNotDone();
            if (_writePerformed)
            {
                throw new TxSimulatorException("transaction has already performed write(s). Paginated queries are not allowed");
            }

            _paginatedQueryPerformed = true;
        }
    }
}
