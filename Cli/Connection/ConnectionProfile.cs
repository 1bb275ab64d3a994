using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fabricish.Cli.Connection;

/// <summary>
/// Fabric's common connection profile (JSON), as <c>./fabricish up</c> writes <c>connection-org1.json</c>:
/// <c>client.organization</c>, <c>organizations</c> (mspid, peers, signedCert, adminPrivateKey), <c>peers</c> and
/// <c>orderers</c> (url, tlsCACerts, grpcOptions.ssl-target-name-override). Relative paths are relative to the file.
/// </summary>
public sealed class ConnectionProfile
{
    private ConnectionProfile(
        string path,
        string name,
        string? clientOrganization,
        IReadOnlyDictionary<string, ProfileOrganization> organizations,
        IReadOnlyDictionary<string, ProfileNode> peers,
        IReadOnlyDictionary<string, ProfileNode> orderers)
    {
        Path = path;
        Name = name;
        ClientOrganization = clientOrganization;
        Organizations = organizations;
        Peers = peers;
        Orderers = orderers;
    }

    public string Path { get; }

    public string Name { get; }

    public string? ClientOrganization { get; }

    public IReadOnlyDictionary<string, ProfileOrganization> Organizations { get; }

    public IReadOnlyDictionary<string, ProfileNode> Peers { get; }

    public IReadOnlyDictionary<string, ProfileNode> Orderers { get; }

    /// <returns>The profile, or null with <paramref name="error"/> naming the file and what is wrong in it.</returns>
    public static ConnectionProfile? TryLoad(string path, out string? error)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            error = $"connection profile '{full}' does not exist";
            return null;
        }

        try
        {
            if (JsonNode.Parse(File.ReadAllText(full)) is not JsonObject root)
            {
                error = $"connection profile '{full}' is not a JSON object";
                return null;
            }

            string baseDir = System.IO.Path.GetDirectoryName(full)!;
            var organizations = Entries(root, "organizations").ToDictionary(e => e.Key, e => Organization(e.Key, e.Value, baseDir), StringComparer.Ordinal);
            var peers = Entries(root, "peers").ToDictionary(e => e.Key, e => Node(e.Key, e.Value, baseDir), StringComparer.Ordinal);
            var orderers = Entries(root, "orderers").ToDictionary(e => e.Key, e => Node(e.Key, e.Value, baseDir), StringComparer.Ordinal);
            string? client = root["client"]?["organization"]?.GetValue<string>();
            if (client is not null && !organizations.ContainsKey(client))
            {
                error = $"connection profile '{full}': client.organization '{client}' is not among its organizations";
                return null;
            }

            error = null;
            return new ConnectionProfile(full, root["name"]?.GetValue<string>() ?? System.IO.Path.GetFileNameWithoutExtension(full), client, organizations, peers, orderers);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            error = $"connection profile '{full}' is not a Fabric connection profile: {e.Message}";
            return null;
        }
        catch (IOException e)
        {
            error = $"cannot read connection profile '{full}': {e.Message}";
            return null;
        }
    }

    /// <summary>The client's organization: client.organization, or the only organization the profile has.</summary>
    public ProfileOrganization? ClientOrganizationEntry() =>
        ClientOrganization is not null ? Organizations[ClientOrganization]
        : Organizations.Count == 1 ? Organizations.Values.First()
        : null;

    private static IEnumerable<KeyValuePair<string, JsonObject>> Entries(JsonObject root, string section)
    {
        if (root[section] is null)
        {
            yield break;
        }

        if (root[section] is not JsonObject entries)
        {
            throw new InvalidOperationException($"'{section}' must be an object keyed by name");
        }

        foreach (var (name, value) in entries)
        {
            yield return new(name, value as JsonObject ?? throw new InvalidOperationException($"{section}.{name} must be an object"));
        }
    }

    private static ProfileOrganization Organization(string name, JsonObject json, string baseDir)
    {
        string mspId = json["mspid"]?.GetValue<string>() ?? throw new InvalidOperationException($"organizations.{name} has no mspid");
        List<string> peers = json["peers"] is JsonArray list ? [.. list.Select(p => p!.GetValue<string>())] : [];
        return new ProfileOrganization(
            name,
            mspId,
            peers,
            RelativeTo(baseDir, json["signedCert"]?["path"]?.GetValue<string>()),
            json["signedCert"]?["pem"]?.GetValue<string>(),
            RelativeTo(baseDir, json["adminPrivateKey"]?["path"]?.GetValue<string>()),
            json["adminPrivateKey"]?["pem"]?.GetValue<string>());
    }

    private static ProfileNode Node(string name, JsonObject json, string baseDir) => new(
        name,
        json["url"]?.GetValue<string>() ?? throw new InvalidOperationException($"{name} has no url"),
        RelativeTo(baseDir, json["tlsCACerts"]?["path"]?.GetValue<string>()),
        json["tlsCACerts"]?["pem"]?.GetValue<string>(),
        json["grpcOptions"]?["ssl-target-name-override"]?.GetValue<string>());

    private static string? RelativeTo(string baseDir, string? path) =>
        path is null ? null : System.IO.Path.GetFullPath(path, baseDir);
}
