using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fabricish.Explorer.Ledger;

/// <summary>What the explorer takes from a Fabric common connection profile: the client organization's MSP ID, its
/// user's certificate and key, its first peer, and the orderers.</summary>
public sealed record ConnectionProfile(
    string Path,
    string Organization,
    string MspId,
    string CertificatePath,
    string PrivateKeyPath,
    ProfileNode Peer,
    IReadOnlyList<ProfileNode> Orderers)
{
    /// <returns>The profile, or null with <paramref name="error"/> saying what is missing.</returns>
    public static ConnectionProfile? TryLoad(string path, out string? error)
    {
        string full = System.IO.Path.GetFullPath(path);
        try
        {
            JsonNode root = JsonNode.Parse(File.ReadAllText(full)) ?? throw new InvalidOperationException("the file is empty");
            string baseDir = System.IO.Path.GetDirectoryName(full)!;
            string name = Text(root, "client", "organization");
            JsonNode org = root["organizations"]?[name] ?? throw new InvalidOperationException($"organizations.{name} is missing");
            string peerName = org["peers"]?[0]?.GetValue<string>() ?? throw new InvalidOperationException($"organizations.{name}.peers names no peer");
            JsonNode peer = root["peers"]?[peerName] ?? throw new InvalidOperationException($"peers.{peerName} is missing");
            IReadOnlyList<ProfileNode> orderers = root["orderers"] is JsonObject o
                ? [.. o.Where(e => e.Value is not null).Select(e => Node(e.Key, e.Value!, baseDir))]
                : [];
            var profile = new ConnectionProfile(full, name, Text(org, "mspid"),
                System.IO.Path.GetFullPath(Text(org, "signedCert", "path"), baseDir),
                System.IO.Path.GetFullPath(Text(org, "adminPrivateKey", "path"), baseDir),
                Node(peerName, peer, baseDir), orderers);
            foreach (string file in new[] { profile.CertificatePath, profile.PrivateKeyPath })
            {
                if (!File.Exists(file))
                {
                    throw new InvalidOperationException($"names {file}, which does not exist");
                }
            }

            error = null;
            return profile;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            error = $"'{full}' is not a usable connection profile: {e.Message}";
            return null;
        }
    }

    /// <summary>The peers of the other organizations' profiles in the same folder (<c>connection-*.json</c>, as
    /// <c>./fabricish up</c> writes them): the explorer shows their heights too, read with its own identity.</summary>
    public IReadOnlyList<ProfileNode> PeersBeside()
    {
        string folder = System.IO.Path.GetDirectoryName(Path)!;
        return [.. Directory.EnumerateFiles(folder, "connection-*.json").Order(StringComparer.Ordinal)
            .Where(f => f != Path)
            .Select(f => TryLoad(f, out _)?.Peer)
            .OfType<ProfileNode>()
            .Where(p => p.Url != Peer.Url)];
    }

    private static ProfileNode Node(string name, JsonNode node, string baseDir) => new(
        name,
        Text(node, "url"),
        node["tlsCACerts"]?["path"]?.GetValue<string>() is { } ca ? System.IO.Path.GetFullPath(ca, baseDir) : null,
        node["grpcOptions"]?["ssl-target-name-override"]?.GetValue<string>());

    private static string Text(JsonNode node, params string[] path) =>
        path.Aggregate((JsonNode?)node, (at, step) => at?[step])?.GetValue<string>() is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"'{string.Join('.', path)}' is missing");
}
