using System.Globalization;
using System.Text.Json.Nodes;
using Fabricish.Benchmarks.Network;

namespace Fabricish.Benchmarks.Chaos;

/// <summary>
/// The running network as an operator touches it: its components (network.json), their processes (pids/NAME.pid,
/// read afresh since a restart changes them), and <c>./fabricish</c> for start, stop and the network faults.
/// </summary>
public sealed class ChaosNetwork
{
    private readonly Dictionary<string, ChaosComponent> _components;

    private ChaosNetwork(NetworkLayout layout, string cryptoDirectory, bool hosts, Dictionary<string, ChaosComponent> components)
    {
        Layout = layout;
        CryptoDirectory = cryptoDirectory;
        SeparateHosts = hosts;
        _components = components;
    }

    public NetworkLayout Layout { get; }

    public string RunDirectory => Layout.RunDirectory;

    public string CryptoDirectory { get; }

    /// <summary>Each organization on a host of its own (<c>up --hosts netns</c>): network faults are possible.</summary>
    public bool SeparateHosts { get; }

    public IReadOnlyCollection<ChaosComponent> Components => _components.Values;

    public static ChaosNetwork? TryLoad(string runDirectory, out string? error)
    {
        NetworkLayout? layout = NetworkLayout.TryLoad(runDirectory, out error);
        if (layout is null)
        {
            return null;
        }

        JsonNode? root = JsonNode.Parse(File.ReadAllText(Path.Combine(layout.RunDirectory, "network.json")));
        var components = new Dictionary<string, ChaosComponent>(StringComparer.Ordinal);
        foreach (JsonNode? node in root?["components"]?.AsArray() ?? [])
        {
            string? name = node?["name"]?.GetValue<string>();
            if (name is null)
            {
                continue;
            }

            components[name] = new ChaosComponent(
                name,
                node!["address"]?.GetValue<string>() ?? "",
                node["secondaryAddress"]?.GetValue<string>() is { Length: > 0 } secondary ? secondary : null,
                node["host"]?.GetValue<string>() is { Length: > 0 } host ? host : null);
        }

        string envFile = Path.Combine(layout.RunDirectory, "network.env");
        bool hosts = File.Exists(envFile) && File.ReadLines(envFile).Any(l => l.Trim() == "NET_HOSTS=netns");
        return new ChaosNetwork(layout, root?["cryptoDir"]?.GetValue<string>() ?? Path.Combine(layout.RunDirectory, "crypto"), hosts, components);
    }

    public bool Has(string name) => _components.ContainsKey(name);

    public ChaosComponent Component(string name) =>
        _components.TryGetValue(name, out ChaosComponent? component)
            ? component
            : throw new InvalidOperationException($"network.json in {RunDirectory} has no component '{name}'");

    /// <summary>The component's process (the leader of its process group) while it runs.</summary>
    public int? Pid(string name)
    {
        string file = Path.Combine(RunDirectory, "pids", name + ".pid");
        if (!File.Exists(file))
        {
            return null;
        }

        string[] fields = File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return fields.Length > 0 && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && Directory.Exists($"/proc/{pid}")
            ? pid
            : null;
    }

    /// <summary>The components whose process is gone.</summary>
    public IReadOnlyList<string> Stopped() => [.. _components.Keys.Where(n => Pid(n) is null)];

    /// <summary>Sends a signal (KILL, STOP, CONT) to the component's whole process group, as a crash or a stall would hit
    /// it; false when it does not run.</summary>
    public async Task<bool> SignalAsync(string name, string signal, CancellationToken cancellationToken)
    {
        if (Pid(name) is not { } pid)
        {
            return false;
        }

        (int code, _) = await NetworkControl.RunAsync("kill", [$"-{signal}", "--", $"-{pid}"], null, echo: false, cancellationToken).ConfigureAwait(false);
        return code == 0;
    }

    /// <summary><c>./fabricish COMMAND ARGS --run-dir RUN</c>: its exit code and output.</summary>
    public Task<(int ExitCode, string Output)> FabricishAsync(CancellationToken cancellationToken, params string[] args) =>
        NetworkControl.RunAsync(NetworkControl.Script, [.. args, "--run-dir", RunDirectory], null, echo: false, cancellationToken);
}
