using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fabricish.Ledger.State.CouchDb;

/// <summary>The HTTP operations on one namespace database (Fabric's couchDatabase), each a single bulk request
/// where CouchDB allows it: reads by _all_docs keys, ranges by _all_docs startkey/endkey, rich queries by _find.</summary>
internal sealed class CouchDatabase(CouchDbClient client, string name)
{
    // pouchdb-server's _find neither returns nor accepts bookmarks; pages then resume by skip, under a
    // bookmark of this form, which CouchDB's own (base64) bookmarks never take.
    private const string SkipBookmarkPrefix = "skip:";

    private readonly string _path = CouchDbClient.Escape(name);
    private CouchReadBatcher? _reads;

    public string Name => name;

    /// <summary><see cref="ReadValuesAsync"/>, gathered with the reads that arrive while one is in flight.</summary>
    public CouchReadBatcher Reads => LazyInitializer.EnsureInitialized(ref _reads, () => new CouchReadBatcher(ReadValuesAsync));

    /// <summary>The documents of <paramref name="keys"/>, in the same order: each value (null: no live document) and
    /// the revision it was read at (null: none).</summary>
    public async Task<StoredDocument[]> ReadValuesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var documents = new StoredDocument[keys.Count];
        if (keys.Count == 0)
        {
            return documents;
        }

        using CouchResponse response = await PostKeysAsync("include_docs=true&attachments=true", keys, cancellationToken).ConfigureAwait(false);
        int i = 0;
        foreach (JsonElement row in response.Body.GetProperty("rows").EnumerateArray())
        {
            // Rows come back in the order of the keys asked for, one per key.
            if (row.TryGetProperty("doc", out JsonElement doc) && doc.ValueKind == JsonValueKind.Object)
            {
                VersionedValue? value = await DecodeAsync(doc, cancellationToken).ConfigureAwait(false);
                documents[i] = new StoredDocument(value, value is null ? null : doc.GetProperty(CouchDocuments.RevField).GetString());
            }

            i++;
        }

        return documents;
    }

    /// <summary>Live documents' revisions and, with <paramref name="withVersions"/>, their versions; keys without
    /// a live document are absent.</summary>
    public async Task<Dictionary<string, (string Revision, Height? Version)>> ReadRevisionsAsync(
        IReadOnlyCollection<string> keys, bool withVersions, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, (string, Height?)>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return found;
        }

        using CouchResponse response = await PostKeysAsync(withVersions ? "include_docs=true" : "", keys, cancellationToken).ConfigureAwait(false);
        foreach (JsonElement row in response.Body.GetProperty("rows").EnumerateArray())
        {
            if (!row.TryGetProperty("value", out JsonElement value) || value.ValueKind != JsonValueKind.Object
                || (value.TryGetProperty("deleted", out JsonElement deleted) && deleted.ValueKind == JsonValueKind.True))
            {
                continue;
            }

            Height? version = withVersions && row.TryGetProperty("doc", out JsonElement doc) ? CouchDocuments.ReadVersion(doc) : null;
            found[row.GetProperty("key").GetString()!] = (value.GetProperty("rev").GetString()!, version);
        }

        return found;
    }

    /// <summary>Up to <paramref name="limit"/> keys from <paramref name="startKey"/> (inclusive) to
    /// <paramref name="endKey"/> (exclusive), skipping design documents. Next is the first key of the following
    /// page, or the end key when the range is exhausted (Fabric's readDocRange convention).</summary>
    public async Task<(List<VersionedKV> Results, string Next, bool Exhausted)> ReadRangeAsync(
        string startKey, string endKey, int limit, CancellationToken cancellationToken)
    {
        var results = new List<VersionedKV>(Math.Min(limit, 1024));
        string cursor = startKey;
        while (true)
        {
            int wanted = limit - results.Count + 1;
            string query = string.Create(CultureInfo.InvariantCulture, $"{_path}/_all_docs?include_docs=true&attachments=true&inclusive_end=false&limit={wanted}")
                + (cursor.Length > 0 ? "&startkey=" + CouchDbClient.Escape(JsonSerializer.Serialize(cursor)) : "")
                + (endKey.Length > 0 ? "&endkey=" + CouchDbClient.Escape(JsonSerializer.Serialize(endKey)) : "");
            using CouchResponse response = await client.SendAsync(HttpMethod.Get, query, default, cancellationToken).ConfigureAwait(false);
            EnsureSuccess(response, "range scan");
            int rows = 0;
            string lastId = cursor;
            foreach (JsonElement row in response.Body.GetProperty("rows").EnumerateArray())
            {
                rows++;
                lastId = row.GetProperty("id").GetString()!;
                if (lastId.StartsWith('_'))
                {
                    continue;
                }

                if (results.Count == limit)
                {
                    return (results, lastId, false);
                }

                VersionedValue? value = await DecodeAsync(row.GetProperty("doc"), cancellationToken).ConfigureAwait(false);
                if (value is not null)
                {
                    results.Add(new VersionedKV(lastId, value));
                }
            }

            if (rows < wanted)
            {
                return (results, endKey, true);
            }

            // Design documents took some of the rows: continue just after the last one seen ("\0" is the
            // smallest suffix, so this is the next possible id in CouchDB's raw id order).
            cursor = lastId + "\0";
        }
    }

    public async Task<(List<VersionedKV> Results, string Bookmark)> FindAsync(
        JsonObject query, int limit, string bookmark, CancellationToken cancellationToken)
    {
        var request = (JsonObject)query.DeepClone();
        if (request["fields"] is JsonArray fields)
        {
            // The key and version are needed to build each result whatever the caller projects.
            fields.Add(CouchDocuments.IdField);
            fields.Add(StateValueRules.VersionField);
        }

        request["limit"] = limit;
        int skip = 0;
        if (bookmark.StartsWith(SkipBookmarkPrefix, StringComparison.Ordinal))
        {
            skip = int.Parse(bookmark.AsSpan(SkipBookmarkPrefix.Length), CultureInfo.InvariantCulture);
            request["skip"] = skip;
        }
        else if (bookmark.Length > 0)
        {
            request["bookmark"] = bookmark;
        }

        using CouchResponse response = await client.SendAsync(
            HttpMethod.Post, _path + "/_find", JsonSerializer.SerializeToUtf8Bytes(request), cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.BadRequest)
        {
            throw new ArgumentException($"invalid rich query: {response.Reason}", nameof(query));
        }

        EnsureSuccess(response, "rich query");
        var results = new List<VersionedKV>();
        foreach (JsonElement doc in response.Body.GetProperty("docs").EnumerateArray())
        {
            VersionedValue? value = await DecodeAsync(doc, cancellationToken).ConfigureAwait(false);
            if (value is not null)
            {
                results.Add(new VersionedKV(doc.GetProperty(CouchDocuments.IdField).GetString()!, value));
            }
        }

        string next = response.Body.TryGetProperty("bookmark", out JsonElement couchBookmark)
            ? couchBookmark.GetString() ?? ""
            : SkipBookmarkPrefix + (skip + results.Count).ToString(CultureInfo.InvariantCulture);
        return (results, next);
    }

    /// <summary>Posts a _bulk_docs body; <paramref name="written"/> hears each stored document's new revision, and
    /// the documents that conflicted are returned.</summary>
    public async Task<List<string>> BulkDocsAsync(ReadOnlyMemory<byte> body, Action<string, string> written, CancellationToken cancellationToken)
    {
        using CouchResponse response = await client.SendAsync(HttpMethod.Post, _path + "/_bulk_docs", body, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, "bulk update");
        var conflicts = new List<string>();
        foreach (JsonElement result in response.Body.EnumerateArray())
        {
            string id = result.GetProperty("id").GetString()!;
            if (!result.TryGetProperty("error", out JsonElement error))
            {
                if (result.TryGetProperty("rev", out JsonElement rev) && rev.GetString() is { } revision)
                {
                    written(id, revision);
                }

                continue;
            }

            if (error.GetString() != "conflict")
            {
                throw new InvalidOperationException($"CouchDB database '{name}' rejected document '{id}': {error} {result.GetProperty("reason")}");
            }

            conflicts.Add(id);
        }

        return conflicts;
    }

    public async Task CreateIndexAsync(string indexJson, CancellationToken cancellationToken)
    {
        using CouchResponse response = await client.SendAsync(
            HttpMethod.Post, _path + "/_index", System.Text.Encoding.UTF8.GetBytes(indexJson), cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.BadRequest)
        {
            throw new ArgumentException($"invalid CouchDB index definition: {response.Reason}", nameof(indexJson));
        }

        EnsureSuccess(response, "index creation");
    }

    private async Task<CouchResponse> PostKeysAsync(string parameters, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(16 + (keys.Count * 48));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (string key in keys)
            {
                writer.WriteStringValue(key);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        string uri = _path + "/_all_docs" + (parameters.Length > 0 ? "?" + parameters : "");
        CouchResponse response = await client.SendAsync(HttpMethod.Post, uri, buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            using (response)
            {
                EnsureSuccess(response, "bulk read");
            }
        }

        return response;
    }

    /// <summary>Decodes a document, fetching it again with its attachment when only a stub came back.</summary>
    private async Task<VersionedValue?> DecodeAsync(JsonElement doc, CancellationToken cancellationToken)
    {
        if (CouchDocuments.TryRead(doc, out string key, out VersionedValue? value))
        {
            return value;
        }

        using CouchResponse response = await client.SendAsync(
            HttpMethod.Get, _path + "/" + CouchDbClient.Escape(key) + "?attachments=true", default, cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess(response, "document read");
        return CouchDocuments.TryRead(response.Body, out _, out value)
            ? value
            : throw new InvalidDataException($"document '{key}' in '{name}' lacks its {CouchDocuments.AttachmentName} attachment");
    }

    private void EnsureSuccess(CouchResponse response, string operation)
    {
        if (!response.IsSuccess)
        {
            throw new InvalidOperationException($"CouchDB {operation} on '{name}' failed: {response.Reason}");
        }
    }
}
