using System.Buffers;
using System.Runtime.CompilerServices;
using Fabricish.Ledger.Storage;
using RocksDbSharp;

namespace Fabricish.Ledger.State.Embedded;

/// <summary>One channel's world state in an embedded RocksDB store, laid out as Fabric's stateleveldb
/// (<see cref="EmbeddedStateKeys"/>): a block's updates and its savepoint go in one atomic write batch, so there is no
/// window between them, and re-applying a block converges. Rich queries are refused as by Fabric's LevelDB peer;
/// JSON values are stored as CouchDB returns them (Go's marshalling) so a peer on either database reads, and
/// endorses, the same bytes.</summary>
public sealed class EmbeddedStateDatabase : IStateDatabase, IDisposable
{
    /// <summary>Fabric's answer to a rich query on a LevelDB peer, with what to do about it.</summary>
    public const string RichQueryUnsupported =
        "ExecuteQuery not supported for leveldb: rich queries need the CouchDB state database (Peer:StateDatabase=CouchDB)";

    public const string RichQueryPageUnsupported =
        "ExecuteQueryWithPagination not supported for leveldb: rich queries need the CouchDB state database (Peer:StateDatabase=CouchDB)";

    private const int StackKeyBytes = 512;

    private readonly EmbeddedStore _store;
    private StoredSavepoint? _savepoint;

    private EmbeddedStateDatabase(EmbeddedStore store) => _store = store;

    public string Directory => _store.Path;

    /// <summary>Opens (creating if missing) the store in <paramref name="directory"/>; one process at a time.</summary>
    public static EmbeddedStateDatabase Open(string directory, EmbeddedStateOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options ??= new EmbeddedStateOptions();
        System.IO.Directory.CreateDirectory(directory);
        var sizes = new EmbeddedStoreOptions
        {
            WriteBufferBytes = options.WriteBufferBytes,
            BlockCacheBytes = options.BlockCacheBytes,
            MaxOpenFiles = 256,
        };
        return new EmbeddedStateDatabase(EmbeddedStore.Open(directory, "embedded state database", sizes));
    }

    public Task<VersionedValue?> GetStateAsync(string ns, string key, CancellationToken cancellationToken = default)
    {
        ValidateKey(key);
        return Task.FromResult(Read(ns, key));
    }

    public Task<IReadOnlyList<VersionedValue?>> GetStatesAsync(string ns, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var values = new VersionedValue?[keys.Count];
        for (int i = 0; i < values.Length; i++)
        {
            ValidateKey(keys[i]);
            values[i] = Read(ns, keys[i]);
        }

        return Task.FromResult<IReadOnlyList<VersionedValue?>>(values);
    }

    public Task<IReadOnlyDictionary<CompositeKey, Height>> GetVersionsAsync(IReadOnlyCollection<CompositeKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var versions = new Dictionary<CompositeKey, Height>(keys.Count);
        foreach (CompositeKey key in keys)
        {
            ValidateKey(key.Key);
            ArgumentException.ThrowIfNullOrEmpty(key.Namespace);
            if (WithDataKey(key.Namespace, key.Key, static (db, dataKey) => db.Get(dataKey, VersionReader.Instance)) is { } version)
            {
                versions[key] = version;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<CompositeKey, Height>>(versions);
    }

    public Task<IReadOnlyDictionary<CompositeKey, VersionedValue>> GetCommittedStatesAsync(
        IReadOnlyCollection<CompositeKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var states = new Dictionary<CompositeKey, VersionedValue>(keys.Count);
        foreach (CompositeKey key in keys)
        {
            ValidateKey(key.Key);
            if (Read(key.Namespace, key.Key) is { } value)
            {
                states[key] = value;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<CompositeKey, VersionedValue>>(states);
    }

    public async IAsyncEnumerable<VersionedKV> GetStateRangeAsync(
        string ns, string startKey, string endKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        int prefixLength = EmbeddedStateKeys.Of(ns, "").Length;
        using var readOptions = new RangeReadOptions(ns, endKey);
        using Iterator iterator = _store.Db.NewIterator(readOptions: readOptions.Options);
        iterator.Seek(EmbeddedStateKeys.Of(ns, startKey));
        while (iterator.Valid())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new VersionedKV(
                EmbeddedStateKeys.KeyOf(iterator.GetKeySpan(), prefixLength), EmbeddedStateValue.Decode(iterator.GetValueSpan()));
            iterator.Next();
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<ResultsPage> GetStateRangePageAsync(
        string ns, string startKey, string endKey, int pageSize, string bookmark = "", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        int prefixLength = EmbeddedStateKeys.Of(ns, "").Length;
        var results = new List<VersionedKV>(Math.Min(pageSize, 1024));
        using var readOptions = new RangeReadOptions(ns, endKey);
        using Iterator iterator = _store.Db.NewIterator(readOptions: readOptions.Options);
        iterator.Seek(EmbeddedStateKeys.Of(ns, bookmark.Length > 0 ? bookmark : startKey));
        while (iterator.Valid())
        {
            string key = EmbeddedStateKeys.KeyOf(iterator.GetKeySpan(), prefixLength);
            if (results.Count == pageSize)
            {
                // As Fabric: the bookmark is the next page's first key, and the end key once the range is exhausted.
                return Task.FromResult(new ResultsPage(results, key));
            }

            results.Add(new VersionedKV(key, EmbeddedStateValue.Decode(iterator.GetValueSpan())));
            iterator.Next();
        }

        return Task.FromResult(new ResultsPage(results, endKey));
    }

    public IAsyncEnumerable<VersionedKV> ExecuteQueryAsync(string ns, string query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(RichQueryUnsupported);

    public Task<ResultsPage> ExecuteQueryPageAsync(string ns, string query, int pageSize, string bookmark = "", CancellationToken cancellationToken = default) =>
        Task.FromException<ResultsPage>(new NotSupportedException(RichQueryPageUnsupported));

    /// <summary>Writes the updates and the savepoint in one atomic batch. <paramref name="deferSavepoint"/> changes
    /// nothing here: the savepoint costs no extra write, so it is always recorded with the state it describes.</summary>
    public Task ApplyUpdatesAsync(UpdateBatch batch, Height savepoint, CancellationToken cancellationToken = default, Action? afterStateWrite = null, bool deferSavepoint = false)
    {
        StateValueRules.ValidateBatch(batch);
        using var write = new WriteBatch();
        foreach (string ns in batch.GetUpdatedNamespaces())
        {
            foreach ((string key, StateUpdate update) in batch.GetUpdates(ns))
            {
                byte[] dataKey = EmbeddedStateKeys.Of(ns, key);
                if (update.Value is null)
                {
                    write.Delete(dataKey);
                }
                else
                {
                    write.Put(dataKey, EmbeddedStateValue.Encode(update.Version, StoredForm(update.Value), update.Metadata));
                }
            }
        }

        Span<byte> height = stackalloc byte[Height.MaxBytes];
        write.Put(EmbeddedStateKeys.Savepoint, height[..savepoint.WriteBytes(height)]);
        try
        {
            // No fsync: the block store is synced before every state write and the savepoint travels in the same
            // batch, so a write lost to a power cut is re-applied from the block store on restart.
            _store.Write(write);
        }
        catch (IOException e)
        {
            throw new StateDatabaseUnavailableException(e.Message, e);
        }

        Volatile.Write(ref _savepoint, new StoredSavepoint(savepoint));
        afterStateWrite?.Invoke();
        return Task.CompletedTask;
    }

    public Task<Height?> GetLatestSavepointAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _savepoint) is { } known)
        {
            return Task.FromResult(known.Height);
        }

        byte[]? stored = _store.Db.Get(EmbeddedStateKeys.Savepoint);
        Height? read = stored is null ? null
            : Height.TryFromBytes(stored, out Height height, out _) ? height
            : throw new InvalidDataException($"the savepoint of the embedded state database in '{Directory}' is corrupt");

        // Only fills a gap: a write that finished meanwhile has already published a newer savepoint.
        Interlocked.CompareExchange(ref _savepoint, new StoredSavepoint(read), null);
        return Task.FromResult(read);
    }

    /// <summary>A no-op, as in Fabric: indexes of CouchDB have no meaning for a key-value store.</summary>
    public Task CreateIndexAsync(string ns, string indexJson, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public string? ValidateKeyValue(string key, byte[] value) => StateValueRules.ValidateKeyValue(key, value);

    public void Dispose() => _store.Dispose();

    /// <summary>What the value reads back as: JSON objects in CouchDB's (Go's) form, everything else byte for byte.</summary>
    private static byte[] StoredForm(byte[] value)
    {
        if (!StateValueRules.TryParseJsonObject(value, out System.Text.Json.JsonDocument? json))
        {
            return value;
        }

        using (json)
        {
            return StateValueRules.NormalizeJson(json!.RootElement);
        }
    }

    private VersionedValue? Read(string ns, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        return WithDataKey(ns, key, static (db, dataKey) => db.Get(dataKey, ValueReader.Instance));
    }

    private T WithDataKey<T>(string ns, string key, Func<RocksDb, ReadOnlySpan<byte>, T> read)
    {
        int max = EmbeddedStateKeys.MaxLength(ns, key);
        byte[]? rented = max > StackKeyBytes ? ArrayPool<byte>.Shared.Rent(max) : null;
        try
        {
            Span<byte> buffer = rented ?? stackalloc byte[StackKeyBytes];
            return read(_store.Db, buffer[..EmbeddedStateKeys.Write(ns, key, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void ValidateKey(string key)
    {
        if (StateValueRules.ValidateKey(key) is { } reason)
        {
            throw new ArgumentException(reason, nameof(key));
        }
    }

    private sealed record StoredSavepoint(Height? Height);

    private sealed class ValueReader : ISpanDeserializer<VersionedValue?>
    {
        public static ValueReader Instance { get; } = new();

        public VersionedValue? Deserialize(ReadOnlySpan<byte> buffer) => EmbeddedStateValue.Decode(buffer);
    }

    private sealed class VersionReader : ISpanDeserializer<Height?>
    {
        public static VersionReader Instance { get; } = new();

        public Height? Deserialize(ReadOnlySpan<byte> buffer) => EmbeddedStateValue.DecodeVersion(buffer, out _);
    }
}
