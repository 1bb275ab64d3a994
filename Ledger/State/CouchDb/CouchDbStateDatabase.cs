using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fabricish.Ledger.State.CouchDb;

/// <summary>One channel's world state in CouchDB, laid out as Fabric's statecouchdb does: a database per
/// namespace (<see cref="CouchDbNames"/>), Fabric's document format (<see cref="CouchDocuments"/>) and the
/// savepoint document "statedb_savepoint" in the channel's metadata database. A block is applied with one
/// _bulk_docs per namespace database, then the savepoint is written.</summary>
public sealed class CouchDbStateDatabase : IStateDatabase
{
    private const string SavepointDocId = "statedb_savepoint";

    private readonly CouchDbClient _client;
    private readonly CouchDbStateOptions _options;
    private readonly string _metadataDatabase;
    private readonly ConcurrentDictionary<string, CouchDatabase> _namespaceDatabases = new(StringComparer.Ordinal);
    private readonly CommittedStateCache _cache;
    private string? _savepointRevision;

    // The savepoint this peer last wrote or read; null when unknown. Simulations read it on every proposal, and the
    // peer is the only writer of its state database (as in Fabric), so a round trip per simulation buys nothing.
    private KnownSavepoint? _knownSavepoint;
    private bool _metadataDatabaseEnsured;

    /// <param name="http">A client whose BaseAddress is the CouchDB server root (credentials, if any, set on
    /// it); not disposed by this object.</param>
    public CouchDbStateDatabase(HttpClient http, string channelName, CouchDbStateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ChannelName = channelName;
        _options = options ?? new CouchDbStateOptions();
        _cache = new CommittedStateCache(_options.CacheSize * 1024L * 1024L);
        _client = new CouchDbClient(http, _options);
        _metadataDatabase = CouchDbNames.MetadataDatabase(channelName);
    }

    public string ChannelName { get; }

    /// <summary>The CouchDB database holding <paramref name="ns"/> on this channel.</summary>
    public string DatabaseNameOf(string ns) => CouchDbNames.NamespaceDatabase(ChannelName, ns);

    public async Task<VersionedValue?> GetStateAsync(string ns, string key, CancellationToken cancellationToken = default) =>
        (await GetStatesAsync(ns, [key], cancellationToken).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<VersionedValue?>> GetStatesAsync(string ns, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ValidateKeys(keys);
        var values = new VersionedValue?[keys.Count];
        List<int>? missing = null;
        for (int i = 0; i < keys.Count; i++)
        {
            if (!_cache.TryGetValue(new CompositeKey(ns, keys[i]), out values[i]))
            {
                (missing ??= new List<int>(keys.Count)).Add(i);
            }
        }

        if (missing is null)
        {
            return values;
        }

        long? stamp = _cache.ReadStamp();
        IReadOnlyList<string> missingKeys = missing.Count == keys.Count ? keys : [.. missing.Select(i => keys[i])];
        CouchDatabase db = await DatabaseAsync(ns, cancellationToken).ConfigureAwait(false);
        StoredDocument[] read = await db.Reads.ReadAsync(missingKeys, cancellationToken).ConfigureAwait(false);
        for (int m = 0; m < missing.Count; m++)
        {
            values[missing[m]] = read[m].Value;
            _cache.AddRead(stamp, new CompositeKey(ns, missingKeys[m]), read[m].Revision, read[m].Value);
        }

        return values;
    }

    public async Task<IReadOnlyDictionary<CompositeKey, Height>> GetVersionsAsync(IReadOnlyCollection<CompositeKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var versions = new Dictionary<CompositeKey, Height>();
        Dictionary<string, HashSet<string>>? missing = null;
        foreach (CompositeKey key in keys)
        {
            if (_cache.TryGetVersion(key, out Height? cached))
            {
                if (cached is { } version)
                {
                    versions[key] = version;
                }
            }
            else
            {
                missing ??= new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
                if (!missing.TryGetValue(key.Namespace, out HashSet<string>? nsKeys))
                {
                    nsKeys = new HashSet<string>(StringComparer.Ordinal);
                    missing[key.Namespace] = nsKeys;
                }

                nsKeys.Add(key.Key);
            }
        }

        foreach ((string ns, HashSet<string> nsKeys) in missing ?? [])
        {
            ValidateKeys(nsKeys);
            CouchDatabase db = await DatabaseAsync(ns, cancellationToken).ConfigureAwait(false);
            var found = await db.ReadRevisionsAsync(nsKeys, withVersions: true, cancellationToken).ConfigureAwait(false);
            foreach (string key in nsKeys)
            {
                var compositeKey = new CompositeKey(ns, key);
                if (found.TryGetValue(key, out var entry))
                {
                    _cache.SetLoaded(compositeKey, entry.Revision, entry.Version);
                    if (entry.Version is { } version)
                    {
                        versions[compositeKey] = version;
                    }
                }
                else
                {
                    _cache.SetLoaded(compositeKey, null, null);
                }
            }
        }

        return versions;
    }

    public async Task<IReadOnlyDictionary<CompositeKey, VersionedValue>> GetCommittedStatesAsync(
        IReadOnlyCollection<CompositeKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var states = new Dictionary<CompositeKey, VersionedValue>(keys.Count);
        Dictionary<string, List<string>>? missing = null;
        foreach (CompositeKey key in keys)
        {
            // A hit needs the revision too, for the write that follows: entries that know the value know it.
            if (_cache.TryGetValue(key, out VersionedValue? cached))
            {
                if (cached is not null)
                {
                    states[key] = cached;
                }

                continue;
            }

            missing ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
            if (!missing.TryGetValue(key.Namespace, out List<string>? nsKeys))
            {
                nsKeys = [];
                missing[key.Namespace] = nsKeys;
            }

            nsKeys.Add(key.Key);
        }

        foreach ((string ns, List<string> nsKeys) in missing ?? [])
        {
            ValidateKeys(nsKeys);
            CouchDatabase db = await DatabaseAsync(ns, cancellationToken).ConfigureAwait(false);
            StoredDocument[] read = await db.ReadValuesAsync(nsKeys, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < nsKeys.Count; i++)
            {
                var compositeKey = new CompositeKey(ns, nsKeys[i]);
                _cache.SetLoadedValue(compositeKey, read[i].Revision, read[i].Value);
                if (read[i].Value is { } value)
                {
                    states[compositeKey] = value;
                }
            }
        }

        return states;
    }

    public async IAsyncEnumerable<VersionedKV> GetStateRangeAsync(
        string ns, string startKey, string endKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CouchDatabase db = await DatabaseAsync(ns, cancellationToken).ConfigureAwait(false);
        string cursor = startKey;
        while (true)
        {
            var (results, next, exhausted) = await db.ReadRangeAsync(cursor, endKey, _options.InternalQueryLimit, cancellationToken).ConfigureAwait(false);
            foreach (VersionedKV kv in results)
            {
                yield return kv;
            }

            if (exhausted)
            {
                yield break;
            }

            cursor = next;
        }
    }

    public async Task<ResultsPage> GetStateRangePageAsync(
        string ns, string startKey, string endKey, int pageSize, string bookmark = "", CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        CouchDatabase db = await DatabaseAsync(ns, cancellationToken).ConfigureAwait(false);
        var (results, next, _) = await db.ReadRangeAsync(bookmark.Length > 0 ? bookmark : startKey, endKey, pageSize, cancellationToken).ConfigureAwait(false);
        return new ResultsPage(results, next);
    }

    public async IAsyncEnumerable<VersionedKV> ExecuteQueryAsync(
        string ns, string query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        JsonObject parsed = StateValueRules.ParseRichQuery(query);
        CouchDatabase db = await DatabaseAsync(ns, cancellationToken).ConfigureAwait(false);
        string bookmark = "";
        while (true)
        {
            var (results, next) = await db.FindAsync(parsed, _options.InternalQueryLimit, bookmark, cancellationToken).ConfigureAwait(false);
            foreach (VersionedKV kv in results)
            {
                yield return kv;
            }

            if (results.Count < _options.InternalQueryLimit)
            {
                yield break;
            }

            bookmark = next;
        }
    }

    public async Task<ResultsPage> ExecuteQueryPageAsync(
        string ns, string query, int pageSize, string bookmark = "", CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        JsonObject parsed = StateValueRules.ParseRichQuery(query);
        CouchDatabase db = await DatabaseAsync(ns, cancellationToken).ConfigureAwait(false);
        var (results, next) = await db.FindAsync(parsed, pageSize, bookmark, cancellationToken).ConfigureAwait(false);
        return new ResultsPage(results, next);
    }

    public async Task ApplyUpdatesAsync(UpdateBatch batch, Height savepoint, CancellationToken cancellationToken = default, Action? afterStateWrite = null, bool deferSavepoint = false)
    {
        StateValueRules.ValidateBatch(batch);
        _cache.BeginWrite();
        try
        {
            // Namespaces are independent databases: commit them concurrently, then the savepoint, so a crash
            // before the savepoint makes the peer re-apply the whole block.
            await Task.WhenAll(batch.GetUpdatedNamespaces().Select(ns => CommitNamespaceAsync(ns, batch.GetUpdates(ns), cancellationToken))).ConfigureAwait(false);
            afterStateWrite?.Invoke();

            // Simulations take the height of the state they read from here: it is the written state's, whether or not
            // the stored savepoint has caught up yet (a savepoint-only write runs beside simulations, and the stored
            // document still names an older block while its PUT is in flight).
            Volatile.Write(ref _knownSavepoint, new KnownSavepoint(savepoint));
            if (!deferSavepoint)
            {
                await RecordSavepointAsync(savepoint, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // After a failure nobody knows which writes landed: learn revisions and the savepoint afresh.
            Volatile.Write(ref _knownSavepoint, null);
            _cache.Clear();
            throw;
        }
        finally
        {
            _cache.EndWrite();
        }
    }

    public async Task<Height?> GetLatestSavepointAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _knownSavepoint) is { } known)
        {
            return known.Height;
        }

        Height? read = await ReadSavepointAsync(cancellationToken).ConfigureAwait(false);
        // Only fills a gap: a commit that finished meanwhile has already published a newer savepoint.
        Interlocked.CompareExchange(ref _knownSavepoint, new KnownSavepoint(read), null);
        return read;
    }

    private async Task<Height?> ReadSavepointAsync(CancellationToken cancellationToken)
    {
        await EnsureMetadataDatabaseAsync(cancellationToken).ConfigureAwait(false);
        using CouchResponse response = await _client.SendAsync(
            HttpMethod.Get, CouchDbClient.Escape(_metadataDatabase) + "/" + SavepointDocId, default, cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccess)
        {
            throw new InvalidOperationException($"reading the savepoint of channel '{ChannelName}' failed: {response.Reason}");
        }

        _savepointRevision = response.Body.GetProperty(CouchDocuments.RevField).GetString();
        return new Height(response.Body.GetProperty("BlockNum").GetUInt64(), response.Body.GetProperty("TxNum").GetUInt64());
    }

    public async Task CreateIndexAsync(string ns, string indexJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indexJson);
        CouchDatabase db = await DatabaseAsync(ns, cancellationToken).ConfigureAwait(false);
        await db.CreateIndexAsync(indexJson, cancellationToken).ConfigureAwait(false);
    }

    public string? ValidateKeyValue(string key, byte[] value) => StateValueRules.ValidateKeyValue(key, value);

    private async Task CommitNamespaceAsync(string ns, IReadOnlyDictionary<string, StateUpdate> updates, CancellationToken cancellationToken)
    {
        CouchDatabase db = await DatabaseAsync(ns, cancellationToken).ConfigureAwait(false);
        var pending = new List<string>(updates.Keys);
        Dictionary<string, string?> revs = await RevisionsAsync(db, ns, pending, fromCache: true, cancellationToken).ConfigureAwait(false);
        for (int attempt = 0; ; attempt++)
        {
            Dictionary<string, byte[]?>? readForms = _cache.Enabled ? new Dictionary<string, byte[]?>(StringComparer.Ordinal) : null;
            ReadOnlyMemory<byte> body = BulkBody(pending, updates, revs, readForms);
            if (body.IsEmpty)
            {
                return;
            }

            pending = await db.BulkDocsAsync(body, (key, rev) => Written(ns, key, updates[key], rev, readForms), cancellationToken).ConfigureAwait(false);
            if (pending.Count == 0)
            {
                return;
            }

            // Another writer moved documents on: what this peer cached about any key may be stale.
            _cache.Clear();

            if (attempt >= _options.MaxConflictRetries)
            {
                throw new InvalidOperationException(
                    $"documents kept conflicting in '{db.Name}' after {attempt + 1} attempts: {string.Join(", ", pending.Take(5))}");
            }

            // Someone else moved these documents on: take their current revisions and write again.
            revs = await RevisionsAsync(db, ns, pending, fromCache: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <param name="readForms">What a read returns for each value written, as the request body's writing found it
    /// (null entry: not predictable); null when the cache is off.</param>
    private void Written(string ns, string key, StateUpdate update, string revision, Dictionary<string, byte[]?>? readForms)
    {
        var compositeKey = new CompositeKey(ns, key);
        if (update.Value is null)
        {
            _cache.SetWritten(compositeKey, null, null, valueKnown: true);
            return;
        }

        // Empty metadata is not stored (CouchVersionField), so a read returns none.
        byte[]? asRead = readForms?.GetValueOrDefault(key);
        byte[]? metadata = update.Metadata is { Length: > 0 } ? update.Metadata : null;
        _cache.SetWritten(compositeKey, revision, new VersionedValue(asRead ?? update.Value, update.Version, metadata), valueKnown: asRead is not null);
    }

    private async Task<Dictionary<string, string?>> RevisionsAsync(
        CouchDatabase db, string ns, List<string> keys, bool fromCache, CancellationToken cancellationToken)
    {
        var revs = new Dictionary<string, string?>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (string key in keys)
        {
            if (fromCache && _cache.TryGetRevision(new CompositeKey(ns, key), out string? rev))
            {
                revs[key] = rev;
            }
            else
            {
                missing.Add(key);
            }
        }

        var loaded = await db.ReadRevisionsAsync(missing, withVersions: false, cancellationToken).ConfigureAwait(false);
        foreach (string key in missing)
        {
            revs[key] = loaded.TryGetValue(key, out var entry) ? entry.Revision : null;
        }

        return revs;
    }

    /// <summary>The _bulk_docs request for <paramref name="keys"/>, written straight into the buffer that is sent;
    /// empty when nothing needs writing.</summary>
    private static ReadOnlyMemory<byte> BulkBody(
        List<string> keys, IReadOnlyDictionary<string, StateUpdate> updates, Dictionary<string, string?> revs, Dictionary<string, byte[]?>? readForms)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (keys.Count * 256));
        int count = 0;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("docs");
            foreach (string key in keys)
            {
                StateUpdate update = updates[key];
                string? revision = revs[key];
                if (update.IsDelete && revision is null)
                {
                    // Deleting a key that has no live document is already done; skipping it also keeps re-applied
                    // blocks free of conflicts.
                    continue;
                }

                byte[]? readForm = CouchDocuments.Write(writer, key, update, revision, predictReadForm: readForms is not null);
                if (readForms is not null)
                {
                    readForms[key] = readForm;
                }
                count++;
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return count == 0 ? ReadOnlyMemory<byte>.Empty : buffer.WrittenMemory;
    }

    private async Task RecordSavepointAsync(Height savepoint, CancellationToken cancellationToken)
    {
        await EnsureMetadataDatabaseAsync(cancellationToken).ConfigureAwait(false);
        string uri = CouchDbClient.Escape(_metadataDatabase) + "/" + SavepointDocId;
        for (int attempt = 0; ; attempt++)
        {
            var doc = new JsonObject { ["BlockNum"] = savepoint.BlockNum, ["TxNum"] = savepoint.TxNum };
            if (_savepointRevision is not null)
            {
                doc[CouchDocuments.RevField] = _savepointRevision;
            }

            using CouchResponse response = await _client.SendAsync(HttpMethod.Put, uri, JsonSerializer.SerializeToUtf8Bytes(doc), cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess)
            {
                _savepointRevision = response.Body.GetProperty("rev").GetString();
                return;
            }

            if (response.Status != HttpStatusCode.Conflict || attempt >= _options.MaxConflictRetries)
            {
                throw new InvalidOperationException($"recording savepoint {savepoint} of channel '{ChannelName}' failed: {response.Reason}");
            }

            // Another process (or this one, before a restart) wrote the savepoint: learn its revision.
            _savepointRevision = null;
            await ReadSavepointAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<CouchDatabase> DatabaseAsync(string ns, CancellationToken cancellationToken)
    {
        if (_namespaceDatabases.TryGetValue(ns, out CouchDatabase? db))
        {
            return db;
        }

        string name = CouchDbNames.NamespaceDatabase(ChannelName, ns);
        await _client.EnsureDatabaseAsync(name, cancellationToken).ConfigureAwait(false);
        return _namespaceDatabases.GetOrAdd(ns, _ => new CouchDatabase(_client, name));
    }

    private async Task EnsureMetadataDatabaseAsync(CancellationToken cancellationToken)
    {
        if (!Volatile.Read(ref _metadataDatabaseEnsured))
        {
            await _client.EnsureDatabaseAsync(_metadataDatabase, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _metadataDatabaseEnsured, true);
        }
    }

    private static void ValidateKeys(IEnumerable<string> keys)
    {
        foreach (string key in keys)
        {
            if (StateValueRules.ValidateKey(key) is { } reason)
            {
                throw new ArgumentException(reason, nameof(keys));
            }
        }
    }

    private sealed record KnownSavepoint(Height? Height);
}
