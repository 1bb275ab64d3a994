using System.Text.Json;
using Google.Protobuf.Reflection;

namespace Fabricish.Protos.Tests;

/// <summary>Renders a field the same way from a C# descriptor and from <c>schema.js</c>'s description of the
/// official JavaScript class, so that the two can be compared as strings.</summary>
internal static class SchemaDescriptions
{
    public static string Describe(FieldDescriptor field)
    {
        string name = JsName(field.Name);
        if (field.IsMap)
        {
            FieldDescriptor key = field.MessageType.FindFieldByNumber(1);
            FieldDescriptor value = field.MessageType.FindFieldByNumber(2);
            return $"{field.FieldNumber} {name} map<{Kind(key)}, {Kind(value)}{TypeSuffix(value)}>";
        }

        return $"{field.FieldNumber} {name} {(field.IsRepeated ? "repeated " : string.Empty)}{Kind(field)}{TypeSuffix(field)}";
    }

    public static string Describe(JsonElement field)
    {
        string kind = field.GetProperty("kind").GetString()!;
        string type = field.TryGetProperty("type", out JsonElement t) ? $" {t.GetString()}" : string.Empty;
        string head = $"{field.GetProperty("number").GetInt32()} {field.GetProperty("name").GetString()}";
        if (kind == "map")
        {
            return $"{head} map<{field.GetProperty("key").GetString()}, {field.GetProperty("value").GetString()}{type}>";
        }

        bool repeated = field.TryGetProperty("repeated", out JsonElement r) && r.GetBoolean();
        return $"{head} {(repeated ? "repeated " : string.Empty)}{kind}{type}";
    }

    /// <summary>The JavaScript generator's accessor stem: each underscore-separated part capitalised and the
    /// rest lower-cased (tls_cert_hash → TlsCertHash, TransientMap → Transientmap).</summary>
    public static string JsName(string protoName) =>
        string.Concat(protoName.Split('_').Where(p => p.Length > 0)
            .Select(p => char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant()));

    private static string Kind(FieldDescriptor field) => field.FieldType.ToString().ToLowerInvariant();

    private static string TypeSuffix(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message => $" {field.MessageType.FullName}",
        FieldType.Enum => $" {field.EnumType.FullName}",
        _ => string.Empty,
    };
}
