using System.Text.Json;
using Fabricish.Testing;
using Google.Protobuf;

namespace Fabricish.Protos.Tests;

/// <summary>The values of the wire-compatibility messages (<c>tools/node/compat/compat-fixture.json</c>), which
/// Fabric's official JavaScript classes and Fabricish both build from, so neither side restates them.</summary>
internal static class FixtureJson
{
    private static readonly Lazy<JsonElement> LazyRoot = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path)).RootElement.Clone());

    public static string Path => System.IO.Path.Combine(RepoPaths.Root, "tools", "node", "compat", "compat-fixture.json");

    public static JsonElement Root => LazyRoot.Value;

    public static JsonElement At(this JsonElement e, string name) => e.GetProperty(name);

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static ByteString Bytes(this JsonElement e, string name) =>
        ByteString.FromBase64(e.GetProperty(name).GetString()!);

    public static ulong U64(this JsonElement e, string name) => e.GetProperty(name).GetUInt64();

    public static int I32(this JsonElement e, string name) => e.GetProperty(name).GetInt32();

    public static bool Bool(this JsonElement e, string name) => e.GetProperty(name).GetBoolean();

    public static IReadOnlyList<JsonElement> Items(this JsonElement e, string name) =>
        [.. e.GetProperty(name).EnumerateArray()];

    /// <summary>A JSON object of base64 values, as ordered in the file.</summary>
    public static IReadOnlyList<KeyValuePair<string, ByteString>> BytesMap(this JsonElement e, string name) =>
        [.. e.GetProperty(name).EnumerateObject().Select(p => KeyValuePair.Create(p.Name, ByteString.FromBase64(p.Value.GetString()!)))];

    /// <summary>An optional member that is JSON null when absent.</summary>
    public static JsonElement? Optional(this JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
