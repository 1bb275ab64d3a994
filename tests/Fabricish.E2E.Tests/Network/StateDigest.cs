using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fabricish.E2E.Tests.Network;

/// <summary>A canonical dump of what every peer of a channel holds in its state database (every channel database but
/// the private data of collections, which only their members keep — an org's lifecycle approvals among them; every
/// document with its key, value and version; CouchDB's own _rev left out) and its SHA-256, to compare peers.</summary>
public sealed record StateDigest(string Dump, string Hash)
{
    public const string SavepointId = "statedb_savepoint";

    /// <param name="includeSavepoint">False leaves the savepoint document out, which moves with every block, valid or not.</param>
    public static async Task<StateDigest> ReadAsync(HttpClient couch, string channelId, bool includeSavepoint = true)
    {
        var dump = new StringBuilder();
        JsonArray dbs = JsonNode.Parse(await couch.GetStringAsync(new Uri("_all_dbs", UriKind.Relative)))!.AsArray();
        foreach (string db in dbs.Select(d => d!.GetValue<string>()).Where(d => d.StartsWith(channelId, StringComparison.Ordinal) && !IsPrivateData(d)).Order(StringComparer.Ordinal))
        {
            JsonNode page = JsonNode.Parse(await couch.GetStringAsync(new Uri($"{Uri.EscapeDataString(db)}/_all_docs?include_docs=true", UriKind.Relative)))!;
            foreach (JsonNode? row in page["rows"]!.AsArray().OrderBy(r => r!["id"]!.GetValue<string>(), StringComparer.Ordinal))
            {
                string id = row!["id"]!.GetValue<string>();
                if (!includeSavepoint && id == SavepointId)
                {
                    continue;
                }

                var doc = (JsonObject)row["doc"]!.DeepClone();
                doc.Remove("_rev");
                dump.Append(db).Append(' ').Append(id).Append(' ').AppendLine(Canonical(doc)!.ToJsonString());
            }
        }

        string text = dump.ToString();
        return new StateDigest(text, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }

    /// <summary>The peers' digests once the peers agree and two reads in a row saw the same state (a peer finishes
    /// writing its databases shortly after it announced the block); the last reads if that does not happen in time.</summary>
    public static async Task<StateDigest[]> SettledAsync(IReadOnlyList<PeerNode> peers, string channelId, bool includeSavepoint = true)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        StateDigest[]? previous = null;
        while (true)
        {
            StateDigest[] current = await Task.WhenAll(peers.Select(p => ReadAsync(p.StateDb, channelId, includeSavepoint)));
            bool agree = current.All(d => d.Hash == current[0].Hash);
            if ((agree && previous is not null && previous[0].Hash == current[0].Hash) || DateTime.UtcNow > deadline)
            {
                return current;
            }

            previous = agree ? current : null;
            await Task.Delay(250);
        }
    }

    /// <summary>A collection's private values (<c>&lt;ns&gt;$$p&lt;collection&gt;</c>); its hashes (<c>$$h</c>) are on every peer.</summary>
    private static bool IsPrivateData(string db) => db.Contains("$$p", StringComparison.Ordinal);

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Canonical)]),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString(JsonSerializerOptions.Default)),
    };
}
