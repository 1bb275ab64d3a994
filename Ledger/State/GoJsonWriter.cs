using System.Text;
using System.Text.Json;

namespace Fabricish.Ledger.State;

/// <summary>Writes JSON the way Go's encoding/json marshals a map[string]interface{} decoded with UseNumber:
/// object keys sorted, numbers verbatim, HTML characters and U+2028/U+2029 escaped. Fabric returns JSON state
/// values in this form, and endorsing peers must agree on the bytes chaincode reads.</summary>
internal static class GoJsonWriter
{
    private const string Hex = "0123456789abcdef";

    /// <summary>The object's members except those <paramref name="skip"/> selects, as Go would marshal them.</summary>
    public static byte[] WriteObject(JsonElement obj, Func<string, bool>? skip = null)
    {
        var builder = new StringBuilder();
        WriteElement(obj, builder, skip);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void WriteElement(JsonElement element, StringBuilder output, Func<string, bool>? skip)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteMembers(element, output, skip);
                break;
            case JsonValueKind.Array:
                output.Append('[');
                bool firstItem = true;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        output.Append(',');
                    }

                    firstItem = false;
                    WriteElement(item, output, null);
                }

                output.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, output);
                break;
            case JsonValueKind.Number:
                output.Append(element.GetRawText());
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            default:
                output.Append("null");
                break;
        }
    }

    private static void WriteMembers(JsonElement obj, StringBuilder output, Func<string, bool>? skip)
    {
        // A Go map keeps the last of duplicate members.
        var members = new SortedDictionary<string, JsonElement>(StateKeyOrder.Instance);
        foreach (JsonProperty property in obj.EnumerateObject())
        {
            if (skip is null || !skip(property.Name))
            {
                members[property.Name] = property.Value;
            }
        }

        output.Append('{');
        bool first = true;
        foreach ((string name, JsonElement value) in members)
        {
            if (!first)
            {
                output.Append(',');
            }

            first = false;
            WriteString(name, output);
            output.Append(':');
            WriteElement(value, output, null);
        }

        output.Append('}');
    }

    private static void WriteString(string value, StringBuilder output)
    {
        output.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\' or '"':
                    output.Append('\\').Append(c);
                    break;
                case '\b':
                    output.Append("\\b");
                    break;
                case '\f':
                    output.Append("\\f");
                    break;
                case '\n':
                    output.Append("\\n");
                    break;
                case '\r':
                    output.Append("\\r");
                    break;
                case '\t':
                    output.Append("\\t");
                    break;
                case < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029':
                    output.Append("\\u").Append(Hex[(c >> 12) & 0xF]).Append(Hex[(c >> 8) & 0xF]).Append(Hex[(c >> 4) & 0xF]).Append(Hex[c & 0xF]);
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }

        output.Append('"');
    }
}
