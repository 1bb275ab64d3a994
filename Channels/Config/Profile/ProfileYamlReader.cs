using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Fabricish.Channels.Config.Profile;

/// <summary>Typed reads from a YAML tree that collect every problem (with its field path and line) instead of
/// stopping at the first, and apply YAML merge keys (<c>&lt;&lt;: *Defaults</c>) the way configtx.yaml relies on.</summary>
internal sealed partial class ProfileYamlReader
{
    private const string MergeKey = "<<";
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public static string Where(string path, YamlNode node) => $"{path} (line {node.Start.Line})";

    public void Fail(string path, YamlNode? node, string message) =>
        _errors.Add(node is null ? $"{path}: {message}" : $"{Where(path, node)}: {message}");

    public static bool IsNull(YamlNode? node) =>
        node is null || (node is YamlScalarNode s && s.Style == YamlDotNet.Core.ScalarStyle.Plain && s.Value is null or "" or "~" or "null");

    /// <summary>The entries of a mapping with merge keys applied (explicit keys win over merged ones); null when absent.
    /// Keys outside <paramref name="known"/> are reported, so a misspelt field does not silently fall back to a default.</summary>
    public IReadOnlyDictionary<string, YamlNode>? Map(YamlNode? node, string path, IReadOnlyCollection<string>? known = null)
    {
        if (IsNull(node))
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            Fail(path, node, "expected a mapping of fields");
            return null;
        }

        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var merged = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (key == MergeKey)
            {
                Merge(value, path, merged);
                continue;
            }

            if (known is not null && !known.Contains(key))
            {
                Fail($"{path}.{key}", keyNode, $"unknown field (expected one of: {string.Join(", ", known)})");
                continue;
            }

            result[key] = value;
        }

        foreach (var (key, value) in merged)
        {
            if (known is not null && !known.Contains(key))
            {
                Fail($"{path}.{key}", value, "unknown field merged in with '<<'");
                continue;
            }

            result.TryAdd(key, value);
        }

        return result;
    }

    private void Merge(YamlNode value, string path, Dictionary<string, YamlNode> into)
    {
        IEnumerable<YamlNode> sources = value is YamlSequenceNode seq ? seq.Children : [value];
        foreach (YamlNode source in sources)
        {
            IReadOnlyDictionary<string, YamlNode>? entries = Map(source, $"{path}.<<");
            if (entries is null)
            {
                continue;
            }

            // The first mapping listed under '<<' takes precedence, as in the YAML merge-key spec.
            foreach (var (k, v) in entries)
            {
                into.TryAdd(k, v);
            }
        }
    }

    public static YamlNode? Get(IReadOnlyDictionary<string, YamlNode>? map, string key) =>
        map is not null && map.TryGetValue(key, out YamlNode? node) && !IsNull(node) ? node : null;

    public string? String(IReadOnlyDictionary<string, YamlNode>? map, string key, string path, bool required)
    {
        YamlNode? node = Get(map, key);
        if (node is null)
        {
            if (required)
            {
                Fail($"{path}.{key}", null, "is required");
            }

            return null;
        }

        if (node is not YamlScalarNode scalar || string.IsNullOrWhiteSpace(scalar.Value))
        {
            Fail($"{path}.{key}", node, "expected a non-empty text value");
            return null;
        }

        return scalar.Value.Trim();
    }

    public IReadOnlyList<YamlNode> List(IReadOnlyDictionary<string, YamlNode>? map, string key, string path)
    {
        YamlNode? node = Get(map, key);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode seq)
        {
            Fail($"{path}.{key}", node, "expected a list");
            return [];
        }

        return [.. seq.Children];
    }

    public IReadOnlyList<string> StringList(IReadOnlyDictionary<string, YamlNode>? map, string key, string path)
    {
        var result = new List<string>();
        IReadOnlyList<YamlNode> items = List(map, key, path);
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is YamlScalarNode { Value: { Length: > 0 } v })
            {
                result.Add(v.Trim());
            }
            else
            {
                Fail($"{path}.{key}[{i}]", items[i], "expected a text value");
            }
        }

        return result;
    }

    public ulong? UInt(IReadOnlyDictionary<string, YamlNode>? map, string key, string path, ulong max, bool required)
    {
        string? text = String(map, key, path, required);
        if (text is null)
        {
            return null;
        }

        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) || value > max)
        {
            Fail($"{path}.{key}", Get(map, key), $"expected a whole number from 0 to {max}, got '{text}'");
            return null;
        }

        return value;
    }

    /// <summary>A byte count as Fabric's viper hook reads it: a number, or a number with K, M or G (times 1024),
    /// optionally followed by B, e.g. "99 MB", "512 KB".</summary>
    public uint? ByteSize(IReadOnlyDictionary<string, YamlNode>? map, string key, string path)
    {
        string? text = String(map, key, path, required: true);
        if (text is null)
        {
            return null;
        }

        Match m = ByteSizePattern().Match(text);
        if (m.Success && ulong.TryParse(m.Groups["size"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong size))
        {
            int shift = m.Groups["unit"].Value.ToUpperInvariant() switch
            {
                "K" => 10,
                "M" => 20,
                "G" => 30,
                _ => 0,
            };
            if (size <= uint.MaxValue >> shift)
            {
                return (uint)(size << shift);
            }
        }

        Fail($"{path}.{key}", Get(map, key), $"expected a byte size such as 10 MB, 512 KB or 1048576 that fits in 32 bits, got '{text}'");
        return null;
    }

    public TimeSpan? Duration(IReadOnlyDictionary<string, YamlNode>? map, string key, string path)
    {
        string? text = String(map, key, path, required: true);
        if (text is null)
        {
            return null;
        }

        if (!GoDuration.TryParse(text, out TimeSpan value) || value <= TimeSpan.Zero)
        {
            Fail($"{path}.{key}", Get(map, key), $"expected a positive duration such as 2s or 500ms, got '{text}'");
            return null;
        }

        return value;
    }

    /// <summary>A capabilities mapping (<c>V2_0: true</c>); only the enabled names, sorted, as Fabric encodes them.</summary>
    public IReadOnlyList<string> Capabilities(IReadOnlyDictionary<string, YamlNode>? map, string key, string path)
    {
        var enabled = new SortedSet<string>(StringComparer.Ordinal);
        IReadOnlyDictionary<string, YamlNode>? caps = Map(Get(map, key), $"{path}.{key}");
        foreach (var (name, value) in caps ?? new Dictionary<string, YamlNode>())
        {
            string? flag = (value as YamlScalarNode)?.Value;
            if (string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase))
            {
                enabled.Add(name);
            }
            else if (!string.Equals(flag, "false", StringComparison.OrdinalIgnoreCase))
            {
                Fail($"{path}.{key}.{name}", value, "expected true or false");
            }
        }

        return [.. enabled];
    }

    [GeneratedRegex(@"^(?<size>[0-9]+)\s*((?<unit>[kmgKMG])[bB]?)?$")]
    private static partial Regex ByteSizePattern();
}
