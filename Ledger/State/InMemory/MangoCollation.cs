using System.Text.Json;

namespace Fabricish.Ledger.State.InMemory;

/// <summary>CouchDB's view collation for comparing JSON values in selectors and sorts: null &lt; false &lt;
/// true &lt; numbers &lt; strings &lt; arrays &lt; objects. Strings compare by code point as pouchdb does;
/// CouchDB itself uses ICU, which differs on case and accents.</summary>
internal static class MangoCollation
{
    public static int Compare(JsonElement a, JsonElement b)
    {
        int byType = Rank(a).CompareTo(Rank(b));
        if (byType != 0)
        {
            return byType;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Number:
                return a.GetDouble().CompareTo(b.GetDouble());
            case JsonValueKind.String:
                return StateKeyOrder.Instance.Compare(a.GetString(), b.GetString());
            case JsonValueKind.Array:
                using (var left = a.EnumerateArray().GetEnumerator())
                using (var right = b.EnumerateArray().GetEnumerator())
                {
                    while (true)
                    {
                        bool hasLeft = left.MoveNext();
                        bool hasRight = right.MoveNext();
                        if (!hasLeft || !hasRight)
                        {
                            return hasLeft.CompareTo(hasRight);
                        }

                        int item = Compare(left.Current, right.Current);
                        if (item != 0)
                        {
                            return item;
                        }
                    }
                }

            case JsonValueKind.Object:
                return string.CompareOrdinal(a.GetRawText(), b.GetRawText());
            default:
                return 0;
        }
    }

    public static bool JsonEquals(JsonElement a, JsonElement b) => Rank(a) == Rank(b) && Compare(a, b) == 0
        && (a.ValueKind != JsonValueKind.Object || JsonElement.DeepEquals(a, b));

    public static string TypeName(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        JsonValueKind.Array => "array",
        _ => "object",
    };

    private static int Rank(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => 0,
        JsonValueKind.False => 1,
        JsonValueKind.True => 2,
        JsonValueKind.Number => 3,
        JsonValueKind.String => 4,
        JsonValueKind.Array => 5,
        _ => 6,
    };
}
