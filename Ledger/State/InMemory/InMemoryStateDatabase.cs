using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Fabricish.Ledger.State.InMemory;

/// <summary>The reference <see cref="IStateDatabase"/>: sorted in-memory maps with the same observable
/// behaviour as <see cref="CouchDb.CouchDbStateDatabase"/> (key order, range and bookmark conventions, JSON values
/// read back in Go's canonical form, Mango rich queries), for unit tests of simulation and validation.</summary>
public sealed class InMemoryStateDatabase : IStateDatabase
{
    private const string SkipBookmarkPrefix = "skip:";
    private static readonly JsonElement EmptyDocument = JsonDocument.Parse("{}").RootElement.Clone();

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, Entry>> _namespaces = new(StringComparer.Ordinal);
    private Height? _savepoint;

    public Task<VersionedValue?> GetStateAsync(string ns, string key, CancellationToken cancellationToken = default)
    {
        ValidateKey(key);
        lock (_gate)
        {
            return Task.FromResult(Namespace(ns).TryGetValue(key, out Entry? entry) ? entry.Value : null);
        }
    }

    public Task<IReadOnlyList<VersionedValue?>> GetStatesAsync(string ns, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (string key in keys)
        {
            ValidateKey(key);
        }

        lock (_gate)
        {
            var map = Namespace(ns);
            IReadOnlyList<VersionedValue?> values = keys.Select(k => map.TryGetValue(k, out Entry? e) ? e.Value : null).ToArray();
            return Task.FromResult(values);
        }
    }

    public Task<IReadOnlyDictionary<CompositeKey, Height>> GetVersionsAsync(IReadOnlyCollection<CompositeKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var versions = new Dictionary<CompositeKey, Height>();
        lock (_gate)
        {
            foreach (CompositeKey key in keys)
            {
                ValidateKey(key.Key);
                if (Namespace(key.Namespace).TryGetValue(key.Key, out Entry? entry))
                {
                    versions[key] = entry.Value.Version;
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<CompositeKey, Height>>(versions);
    }

    public async IAsyncEnumerable<VersionedKV> GetStateRangeAsync(
        string ns, string startKey, string endKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<VersionedKV> snapshot = Range(ns, startKey, endKey, int.MaxValue, out _);
        foreach (VersionedKV kv in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return kv;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<ResultsPage> GetStateRangePageAsync(
        string ns, string startKey, string endKey, int pageSize, string bookmark = "", CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        List<VersionedKV> page = Range(ns, bookmark.Length > 0 ? bookmark : startKey, endKey, pageSize, out string? next);
        return Task.FromResult(new ResultsPage(page, next ?? endKey));
    }

    public async IAsyncEnumerable<VersionedKV> ExecuteQueryAsync(
        string ns, string query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (VersionedKV kv in Query(ns, query, 0, int.MaxValue))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return kv;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<ResultsPage> ExecuteQueryPageAsync(
        string ns, string query, int pageSize, string bookmark = "", CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        int skip = 0;
        if (bookmark.Length > 0)
        {
            skip = bookmark.StartsWith(SkipBookmarkPrefix, StringComparison.Ordinal)
                && int.TryParse(bookmark.AsSpan(SkipBookmarkPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed)
                ? parsed
                : throw new ArgumentException($"invalid bookmark '{bookmark}'", nameof(bookmark));
        }

        List<VersionedKV> page = Query(ns, query, skip, pageSize);
        return Task.FromResult(new ResultsPage(page, SkipBookmarkPrefix + (skip + page.Count).ToString(CultureInfo.InvariantCulture)));
    }

    public Task ApplyUpdatesAsync(UpdateBatch batch, Height savepoint, CancellationToken cancellationToken = default, Action? afterStateWrite = null, bool deferSavepoint = false)
    {
        StateValueRules.ValidateBatch(batch);
        lock (_gate)
        {
            foreach (string ns in batch.GetUpdatedNamespaces())
            {
                var map = Namespace(ns);
                foreach ((string key, StateUpdate update) in batch.GetUpdates(ns))
                {
                    if (update.Value is null)
                    {
                        map.Remove(key);
                    }
                    else
                    {
                        map[key] = Entry.From(update);
                    }
                }
            }

            afterStateWrite?.Invoke();
            _savepoint = savepoint;
        }

        return Task.CompletedTask;
    }

    public Task<Height?> GetLatestSavepointAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_savepoint);
        }
    }

    /// <summary>Indexes only speed CouchDB up; here the definition is just checked to be JSON.</summary>
    public Task CreateIndexAsync(string ns, string indexJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        try
        {
            using var index = JsonDocument.Parse(indexJson);
            if (index.RootElement.ValueKind != JsonValueKind.Object || !index.RootElement.TryGetProperty("index", out _))
            {
                throw new ArgumentException("index definition must be an object with an \"index\" member", nameof(indexJson));
            }
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"index definition is not valid JSON: {e.Message}", nameof(indexJson), e);
        }

        return Task.CompletedTask;
    }

    public string? ValidateKeyValue(string key, byte[] value) => StateValueRules.ValidateKeyValue(key, value);

    private List<VersionedKV> Range(string ns, string startKey, string endKey, int limit, out string? next)
    {
        next = null;
        var results = new List<VersionedKV>();
        lock (_gate)
        {
            foreach ((string key, Entry entry) in Namespace(ns))
            {
                if ((startKey.Length > 0 && StateKeyOrder.Instance.Compare(key, startKey) < 0)
                    || (endKey.Length > 0 && StateKeyOrder.Instance.Compare(key, endKey) >= 0))
                {
                    continue;
                }

                if (results.Count == limit)
                {
                    next = key;
                    break;
                }

                results.Add(new VersionedKV(key, entry.Value));
            }
        }

        return results;
    }

    private List<VersionedKV> Query(string ns, string query, int skip, int limit)
    {
        var mango = new MangoQuery(query);
        lock (_gate)
        {
            var map = Namespace(ns);
            var matches = map.Select(p => (p.Key, Doc: p.Value.Json ?? EmptyDocument)).Where(p => mango.Matches(p.Doc));
            return mango.Order(matches).Skip(skip).Take(limit)
                .Select(m => new VersionedKV(m.Key, map[m.Key].Json is null ? map[m.Key].Value : map[m.Key].Value with { Value = mango.Project(m.Doc) }))
                .ToList();
        }
    }

    private SortedDictionary<string, Entry> Namespace(string ns)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        if (!_namespaces.TryGetValue(ns, out var map))
        {
            map = new SortedDictionary<string, Entry>(StateKeyOrder.Instance);
            _namespaces[ns] = map;
        }

        return map;
    }

    private static void ValidateKey(string key)
    {
        if (StateValueRules.ValidateKey(key) is { } reason)
        {
            throw new ArgumentException(reason, nameof(key));
        }
    }

    /// <summary>A stored value; JSON objects keep their parsed form for queries and read back normalized, as
    /// CouchDB returns them.</summary>
    private sealed record Entry(VersionedValue Value, JsonElement? Json)
    {
        public static Entry From(StateUpdate update)
        {
            // CouchDB stores no metadata field for empty metadata, so it reads back as none.
            update = update.Metadata is { Length: 0 } ? update with { Metadata = null } : update;
            if (!StateValueRules.TryParseJsonObject(update.Value!, out JsonDocument? json))
            {
                return new Entry(new VersionedValue(update.Value!, update.Version, update.Metadata), null);
            }

            using (json)
            {
                JsonElement root = json!.RootElement.Clone();
                return new Entry(new VersionedValue(StateValueRules.NormalizeJson(root), update.Version, update.Metadata), root);
            }
        }
    }
}
