using System.Text.Json;

namespace Fabricish.Ledger.State.CouchDb;

/// <summary>What a read of a value this peer writes will return, known before the write: a JSON object comes back
/// re-marshalled as Go does (<see cref="GoJsonWriter"/>: members sorted, strings re-escaped) from the document the
/// server re-encoded; anything else is an attachment and comes back as written. Servers disagree on re-encoding some
/// numbers (CouchDB 3 and pouchdb-server print 1.0, 1e2 and integers beyond 2^53 differently), so a value holding
/// such a number, a lone surrogate or a repeated member is not predicted at all: the cache then reads it back.</summary>
internal static class CouchReadForm
{
    private const long MaxExactInteger = 1L << 53;

    /// <summary>The bytes a read returns for a value stored as the document's fields (a JSON object), or null when
    /// they cannot be predicted; any other value is an attachment and comes back as written.</summary>
    public static byte[]? OfObject(JsonElement value) => Predictable(value) ? GoJsonWriter.WriteObject(value) : null;

    private static bool Predictable(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (!names.Add(property.Name) || !WellFormed(property.Name) || !Predictable(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (!Predictable(item))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.String:
                return WellFormed(element.GetString()!);
            case JsonValueKind.Number:
                return PlainInteger(element.GetRawText());
            default:
                return true;
        }
    }

    /// <summary>An integer every server prints back as written: no sign on zero, no leading zero, fraction or exponent,
    /// and exactly representable as a double.</summary>
    private static bool PlainInteger(string raw)
    {
        ReadOnlySpan<char> digits = raw.StartsWith('-') ? raw.AsSpan(1) : raw;
        if (digits.Length is 0 or > 16 || (digits[0] == '0' && raw.Length > 1))
        {
            return false;
        }

        foreach (char c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) <= MaxExactInteger;
    }

    private static bool WellFormed(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
