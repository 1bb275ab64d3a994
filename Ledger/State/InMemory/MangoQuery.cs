using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fabricish.Ledger.State.InMemory;

/// <summary>A parsed rich query for the in-memory database: selector, optional sort and field projection.
/// Without a sort, results come in key order, as CouchDB's _find returns them from its _id index.</summary>
internal sealed class MangoQuery
{
    private readonly JsonElement _selector;
    private readonly List<(string Field, bool Descending)> _sort = [];
    private readonly List<string>? _fields;

    public MangoQuery(string query)
    {
        JsonObject parsed = StateValueRules.ParseRichQuery(query);
        _selector = JsonSerializer.SerializeToElement(parsed["selector"]);
        if (parsed["sort"] is JsonArray sortSpec)
        {
            foreach (JsonNode? item in sortSpec)
            {
                if (item is JsonObject direction && direction.Count == 1)
                {
                    var (field, order) = direction.First();
                    _sort.Add((field, string.Equals(order?.GetValue<string>(), "desc", StringComparison.Ordinal)));
                }
                else if (item is JsonValue name && name.TryGetValue(out string? field))
                {
                    _sort.Add((field, false));
                }
                else
                {
                    throw new ArgumentException("sort must be an array of field names or {field: direction} objects", nameof(query));
                }
            }
        }

        if (parsed["fields"] is JsonArray projection)
        {
            _fields = projection.Select(f => f!.GetValue<string>()).ToList();
        }
    }

    public bool Matches(JsonElement doc) => MangoSelector.Matches(_selector, doc);

    /// <summary>Orders matching entries by the sort fields, then by key.</summary>
    public IEnumerable<(string Key, JsonElement Doc)> Order(IEnumerable<(string Key, JsonElement Doc)> matches)
    {
        if (_sort.Count == 0)
        {
            return matches;
        }

        return matches.Order(Comparer<(string Key, JsonElement Doc)>.Create((a, b) =>
        {
            foreach (var (field, descending) in _sort)
            {
                JsonElement? x = MangoSelector.Lookup(a.Doc, field);
                JsonElement? y = MangoSelector.Lookup(b.Doc, field);
                int order = (x, y) switch
                {
                    (null, null) => 0,
                    (null, _) => -1,
                    (_, null) => 1,
                    _ => MangoCollation.Compare(x.Value, y.Value),
                };
                if (order != 0)
                {
                    return descending ? -order : order;
                }
            }

            return StateKeyOrder.Instance.Compare(a.Key, b.Key);
        }));
    }

    /// <summary>The value a result carries: the whole document, or only the projected fields.</summary>
    public byte[] Project(JsonElement doc)
    {
        if (_fields is null)
        {
            return StateValueRules.NormalizeJson(doc);
        }

        var projected = new JsonObject();
        foreach (string field in _fields)
        {
            if (MangoSelector.Lookup(doc, field) is not { } value)
            {
                continue;
            }

            string[] parts = field.Split('.');
            JsonObject target = projected;
            foreach (string part in parts[..^1])
            {
                if (target[part] is not JsonObject child)
                {
                    child = new JsonObject();
                    target[part] = child;
                }

                target = child;
            }

            target[parts[^1]] = JsonNode.Parse(value.GetRawText());
        }

        return StateValueRules.NormalizeJson(JsonSerializer.SerializeToElement(projected));
    }
}
