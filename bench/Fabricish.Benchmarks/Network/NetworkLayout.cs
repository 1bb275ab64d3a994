using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fabricish.Benchmarks.Network;

/// <summary>
/// What <c>./fabricish up</c> left in a run folder that the bench needs: the channel and chaincode (network.json), each
/// organization's peer gateway and client identity (Fabric connection profiles connection-org1.json, connection-org2.json),
/// the orderers' addresses, each org's state database (network.json's orgs.NAME.stateDatabase, CouchDB when a network
/// from before the choice names none), and the components' pid files (pids/NAME.pid, "PID STARTTIME").
/// </summary>
public sealed record NetworkLayout(
    string RunDirectory,
    string Channel,
    string Chaincode,
    string Deploy,
    string PackageId,
    IReadOnlyList<OrgEndpoint> Orgs,
    IReadOnlyList<NodeEndpoint> Orderers,
    IReadOnlyDictionary<string, string> StateDatabases,
    IReadOnlyDictionary<string, int> Pids)
{
    /// <summary>The channel's BatchSize.MaxMessageCount as up set it (network.json "blockSize"); null for a run folder
    /// from before up recorded it.</summary>
    public int? BlockSize { get; init; }

    /// <summary>Each peer's operations address (network.json components' secondaryAddress), where /metrics counts
    /// the node's ECDSA operations.</summary>
    public IReadOnlyDictionary<string, string> PeerOperations { get; init; } = new Dictionary<string, string>();

    /// <returns>The layout, or null with <paramref name="error"/> saying which file is missing or wrong.</returns>
    public static NetworkLayout? TryLoad(string runDirectory, out string? error)
    {
        string run = Path.GetFullPath(runDirectory);
        string networkJson = Path.Combine(run, "network.json");
        if (!File.Exists(networkJson))
        {
            error = $"no network in {run} (no network.json): start one with ./fabricish up --run-dir {run}, or pass --up";
            return null;
        }

        try
        {
            JsonNode root = JsonNode.Parse(File.ReadAllText(networkJson)) ?? throw new InvalidOperationException("empty");
            string channel = Text(root, "channel");
            string chaincode = Text(root, "chaincode");
            var orgs = new List<OrgEndpoint>();
            var orderers = new List<NodeEndpoint>();
            foreach (string profile in Directory.EnumerateFiles(run, "connection-*.json").Order(StringComparer.Ordinal))
            {
                (OrgEndpoint org, IEnumerable<NodeEndpoint> profileOrderers) = ReadProfile(profile);
                orgs.Add(org);
                orderers.AddRange(profileOrderers.Where(o => !orderers.Any(known => known.Url == o.Url)));
            }

            if (orgs.Count == 0)
            {
                error = $"{run} has no connection-*.json profile: is the network up (./fabricish status --run-dir {run})?";
                return null;
            }

            error = null;
            return new NetworkLayout(run, channel, chaincode, root["deploy"]?.GetValue<string>() ?? "", root["packageId"]?.GetValue<string>() ?? "",
                orgs, orderers, ReadStateDatabases(root), ReadPids(Path.Combine(run, "pids")))
            {
                BlockSize = root["blockSize"]?.GetValue<int>(),
                PeerOperations = ReadPeerOperations(root, orgs),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IOException or FormatException)
        {
            error = $"cannot read the network in {run}: {e.Message}";
            return null;
        }
    }

    private static (OrgEndpoint Org, IEnumerable<NodeEndpoint> Orderers) ReadProfile(string path)
    {
        JsonNode root = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidOperationException($"{path} is empty");
        string name = Text(root, "client", "organization");
        JsonNode org = root["organizations"]?[name] ?? throw new InvalidOperationException($"{path}: organizations.{name} is missing");
        string peerName = org["peers"]?[0]?.GetValue<string>() ?? throw new InvalidOperationException($"{path}: {name} names no peer");
        string baseDir = Path.GetDirectoryName(path)!;
        JsonNode peer = root["peers"]?[peerName] ?? throw new InvalidOperationException($"{path}: peers.{peerName} is missing");
        var endpoint = new OrgEndpoint(
            name,
            Text(org, "mspid"),
            peerName,
            Node(peer, baseDir),
            Path.GetFullPath(Text(org, "signedCert", "path"), baseDir),
            Path.GetFullPath(Text(org, "adminPrivateKey", "path"), baseDir));
        IEnumerable<NodeEndpoint> orderers = root["orderers"] is JsonObject o
            ? [.. o.Select(e => e.Value).OfType<JsonNode>().Select(n => Node(n, baseDir))]
            : [];
        return (endpoint, orderers);
    }

    private static NodeEndpoint Node(JsonNode node, string baseDir) => new(
        Text(node, "url"),
        node["tlsCACerts"]?["path"]?.GetValue<string>() is { } ca ? Path.GetFullPath(ca, baseDir) : null,
        node["grpcOptions"]?["ssl-target-name-override"]?.GetValue<string>());

    private static Dictionary<string, string> ReadStateDatabases(JsonNode root)
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root["orgs"] is JsonObject orgs)
        {
            foreach ((string org, JsonNode? entry) in orgs)
            {
                kinds[org] = entry?["stateDatabase"]?.GetValue<string>() is { Length: > 0 } kind ? kind : StateWriteLabel.CouchDb;
            }
        }

        if (kinds.Count == 0)
        {
            kinds["peers"] = StateWriteLabel.CouchDb;
        }

        return kinds;
    }

    private static Dictionary<string, string> ReadPeerOperations(JsonNode root, List<OrgEndpoint> orgs)
    {
        var operations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root["components"] is JsonArray components)
        {
            foreach (JsonNode? component in components)
            {
                if (component?["name"]?.GetValue<string>() is { } name && orgs.Any(o => o.PeerName == name || o.PeerName.StartsWith(name + ".", StringComparison.Ordinal))
                    && component["secondaryAddress"]?.GetValue<string>() is { Length: > 0 } address)
                {
                    operations[name] = address;
                }
            }
        }

        return operations;
    }

    private static Dictionary<string, int> ReadPids(string folder)
    {
        var pids = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            return pids;
        }

        foreach (string file in Directory.EnumerateFiles(folder, "*.pid"))
        {
            string[] fields = File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (fields.Length > 0 && int.TryParse(fields[0], System.Globalization.CultureInfo.InvariantCulture, out int pid))
            {
                pids[Path.GetFileNameWithoutExtension(file)] = pid;
            }
        }

        return pids;
    }

    private static string Text(JsonNode node, params string[] path)
    {
        JsonNode? at = node;
        foreach (string step in path)
        {
            at = at?[step];
        }

        return at?.GetValue<string>() is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"'{string.Join('.', path)}' is missing");
    }
}
