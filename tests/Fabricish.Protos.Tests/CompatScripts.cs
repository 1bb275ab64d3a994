using System.Text.Json;
using Fabricish.Testing;

namespace Fabricish.Protos.Tests;

/// <summary>Runs the Node scripts of <c>tools/node/compat</c>, which use Fabric's official JavaScript classes.
/// A missing Node installation or package fails the calling test (never skips it).</summary>
internal static class CompatScripts
{
    private static readonly Lazy<Task<JsonElement>> LazyOfficialSchema = new(() => RunJsonAsync("schema.js", []));
    private static readonly Lazy<Task<JsonElement>> LazyNodeBuilt = new(() => RunJsonAsync("build.js", []));

    /// <summary>Output of <c>schema.js</c>: the messages, enums and gRPC methods of @hyperledger/fabric-protos.</summary>
    public static Task<JsonElement> OfficialSchemaAsync() => LazyOfficialSchema.Value;

    /// <summary>Output of <c>build.js</c>: the fixture's messages encoded by the official classes, as base64.</summary>
    public static Task<JsonElement> NodeBuiltAsync() => LazyNodeBuilt.Value;

    public static string PathOf(string script) => Path.Combine(RepoPaths.Root, "tools", "node", "compat", script);

    public static Task<NodeScript.Result> RunAsync(string script, IEnumerable<string> args, byte[]? stdin = null) =>
        NodeScript.RunAsync(PathOf(script), args, stdin);

    public static async Task<string> RunOkAsync(string script, IEnumerable<string> args, byte[]? stdin = null)
    {
        NodeScript.Result result = await RunAsync(script, args, stdin);
        Assert.True(result.ExitCode == 0, $"node {script} exited with {result.ExitCode}: {result.Stderr}");
        return result.Stdout;
    }

    private static async Task<JsonElement> RunJsonAsync(string script, IEnumerable<string> args)
    {
        string stdout = await RunOkAsync(script, args);
        using var document = JsonDocument.Parse(stdout);
        return document.RootElement.Clone();
    }
}
