using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fabricish.Client;

namespace Fabricish.Cli.Chaincode;

/// <summary>The <c>-c/--ctor</c> and <c>--transient</c> arguments in Fabric's peer CLI forms:
/// <c>{"Args":["fn","a"]}</c> or <c>{"function":"fn","Args":["a"]}</c>, and <c>{"key":"base64 value"}</c>.</summary>
internal static class ChaincodeCtor
{
    private const string Forms = "use {\"Args\":[\"function\",\"arg\",...]} or {\"function\":\"function\",\"Args\":[\"arg\",...]}";

    /// <returns>The function name and proposal options, or null with <paramref name="error"/> saying what is wrong.</returns>
    public static (string Function, ProposalOptions Options)? TryParse(string ctor, string? transient, out string? error)
    {
        List<string>? args = ParseArgs(ctor, out error);
        if (args is null)
        {
            return null;
        }

        Dictionary<string, byte[]>? transientData = transient is null ? [] : ParseTransient(transient, out error);
        if (transientData is null)
        {
            return null;
        }

        var options = new ProposalOptions { Arguments = [.. args.Skip(1).Select(Encoding.UTF8.GetBytes)], TransientData = transientData };
        return (args[0], options);
    }

    private static List<string>? ParseArgs(string ctor, out string? error)
    {
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(ctor) as JsonObject;
        }
        catch (JsonException e)
        {
            error = $"-c/--ctor is not valid JSON ({e.Message}); {Forms}";
            return null;
        }

        if (json is null)
        {
            error = $"-c/--ctor must be a JSON object; {Forms}";
            return null;
        }

        var args = new List<string>();
        if (Property(json, "function") is { } function)
        {
            if (function is not JsonValue value || !value.TryGetValue(out string? name) || string.IsNullOrEmpty(name))
            {
                error = $"-c/--ctor \"function\" must be a non-empty string; {Forms}";
                return null;
            }

            args.Add(name);
        }

        if (Property(json, "args") is { } list)
        {
            if (list is not JsonArray array || array.Any(a => a is not JsonValue v || !v.TryGetValue(out string? _)))
            {
                error = $"-c/--ctor \"Args\" must be an array of strings; {Forms}";
                return null;
            }

            args.AddRange(array.Select(a => a!.GetValue<string>()));
        }

        if (args.Count == 0 || string.IsNullOrEmpty(args[0]))
        {
            error = $"-c/--ctor names no function to call; {Forms}";
            return null;
        }

        error = null;
        return args;
    }

    private static Dictionary<string, byte[]>? ParseTransient(string transient, out string? error)
    {
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(transient) as JsonObject;
        }
        catch (JsonException e)
        {
            error = $"--transient is not valid JSON ({e.Message}); use {{\"key\":\"base64 value\"}}";
            return null;
        }

        if (json is null)
        {
            error = "--transient must be a JSON object: {\"key\":\"base64 value\"}";
            return null;
        }

        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in json)
        {
            if (value is not JsonValue v || !v.TryGetValue(out string? text))
            {
                error = $"--transient value of \"{key}\" must be a base64 string";
                return null;
            }

            try
            {
                result[key] = Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                error = $"--transient value of \"{key}\" is not base64 (Fabric's transient map carries bytes; encode with base64)";
                return null;
            }
        }

        error = null;
        return result;
    }

    /// <summary>Fabric unmarshals the ctor with Go's case-insensitive field matching ("Args" or "args").</summary>
    private static JsonNode? Property(JsonObject json, string name) =>
        json.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
