using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Fabricish.Ledger.State.InMemory;

/// <summary>Evaluates a CouchDB Mango selector against a JSON document, for the in-memory reference database.
/// Covers the combination operators ($and, $or, $nor, $not) and the condition operators chaincode uses
/// ($eq, $ne, $gt, $gte, $lt, $lte, $exists, $type, $in, $nin, $size, $mod, $regex, $all, $elemMatch,
/// $allMatch); as in CouchDB, every condition but $exists needs the field to be present.</summary>
internal static class MangoSelector
{
    public static bool Matches(JsonElement selector, JsonElement doc)
    {
        if (selector.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("selector must be a JSON object");
        }

        foreach (JsonProperty clause in selector.EnumerateObject())
        {
            bool ok = clause.Name switch
            {
                "$and" => Items(clause).All(s => Matches(s, doc)),
                "$or" => Items(clause).Any(s => Matches(s, doc)),
                "$nor" => !Items(clause).Any(s => Matches(s, doc)),
                "$not" => !Matches(clause.Value, doc),
                _ when clause.Name.StartsWith('$') => throw new ArgumentException($"unsupported selector operator {clause.Name}"),
                _ => FieldMatches(Lookup(doc, clause.Name), clause.Value),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Finds a dotted field path; null when absent.</summary>
    public static JsonElement? Lookup(JsonElement doc, string path)
    {
        JsonElement current = doc;
        foreach (string part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current;
    }

    private static bool FieldMatches(JsonElement? field, JsonElement condition)
    {
        if (condition.ValueKind != JsonValueKind.Object)
        {
            return field is { } value && MangoCollation.JsonEquals(value, condition);
        }

        bool anyOperator = false;
        foreach (JsonProperty op in condition.EnumerateObject())
        {
            if (!op.Name.StartsWith('$'))
            {
                continue;
            }

            anyOperator = true;
            if (!Condition(field, op.Name, op.Value))
            {
                return false;
            }
        }

        // {"a": {"b": 1}} is a selector on the sub-document, as in CouchDB.
        return anyOperator || (field is { ValueKind: JsonValueKind.Object } sub && Matches(condition, sub));
    }

    private static bool Condition(JsonElement? field, string op, JsonElement arg)
    {
        if (op == "$exists")
        {
            return (field is not null) == (arg.ValueKind == JsonValueKind.True);
        }

        if (op == "$not")
        {
            return field is not null && !FieldMatches(field, arg);
        }

        if (field is not { } value)
        {
            return false;
        }

        return op switch
        {
            "$eq" => MangoCollation.JsonEquals(value, arg),
            "$ne" => !MangoCollation.JsonEquals(value, arg),
            "$gt" => MangoCollation.Compare(value, arg) > 0,
            "$gte" => MangoCollation.Compare(value, arg) >= 0,
            "$lt" => MangoCollation.Compare(value, arg) < 0,
            "$lte" => MangoCollation.Compare(value, arg) <= 0,
            "$type" => MangoCollation.TypeName(value) == arg.GetString(),
            "$in" => arg.EnumerateArray().Any(a => MangoCollation.JsonEquals(value, a) || ArrayContains(value, a)),
            "$nin" => !arg.EnumerateArray().Any(a => MangoCollation.JsonEquals(value, a) || ArrayContains(value, a)),
            "$size" => value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == arg.GetInt32(),
            "$mod" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n)
                && n % arg[0].GetInt64() == arg[1].GetInt64(),
            "$regex" => value.ValueKind == JsonValueKind.String
                && Regex.IsMatch(value.GetString()!, arg.GetString()!, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)),
            "$all" => value.ValueKind == JsonValueKind.Array && arg.EnumerateArray().All(a => ArrayContains(value, a)),
            "$elemMatch" => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().Any(item => ElementMatches(item, arg)),
            "$allMatch" => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => ElementMatches(item, arg)),
            _ => throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"unsupported selector operator {op}")),
        };
    }

    private static bool ElementMatches(JsonElement item, JsonElement selector) =>
        selector.EnumerateObject().All(p => p.Name.StartsWith('$') ? Condition(item, p.Name, p.Value) : Matches(selector, item));

    private static bool ArrayContains(JsonElement array, JsonElement item) =>
        array.ValueKind == JsonValueKind.Array && array.EnumerateArray().Any(e => MangoCollation.JsonEquals(e, item));

    private static IEnumerable<JsonElement> Items(JsonProperty clause) => clause.Value.ValueKind == JsonValueKind.Array
        ? clause.Value.EnumerateArray()
        : throw new ArgumentException($"{clause.Name} takes an array of selectors");
}
