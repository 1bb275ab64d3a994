using System.Text.Json.Nodes;

namespace Fabricish.Network.Tests.Up;

/// <summary>What <c>./fabricish up</c> wrote into its run folder's network.json: channel, chaincode, organizations with
/// their connection profiles, every component, and the sample transaction. Later clients of the fixture (the Node
/// fabric-gateway check, Caliper) read their endpoints and identities from here.</summary>
public sealed class RunFolder
{
    private RunFolder(string path, JsonNode json)
    {
        Path = path;
        Channel = Text(json, "channel");
        Chaincode = Text(json, "chaincode");
        PackageId = Text(json, "packageId");
        CryptoDir = Text(json, "cryptoDir");
        JsonObject orgs = json["orgs"]?.AsObject() ?? throw Missing("orgs");
        Orgs = orgs.ToDictionary(
            o => o.Key,
            o => new NetworkOrg(o.Key, Text(o.Value!, "mspId"), Text(o.Value!, "peer"), Text(o.Value!, "connectionProfile"), Text(o.Value!, "envFile"), Text(o.Value!, "adminMsp"), Text(o.Value!, "userMsp")));
        Components = [.. (json["components"]?.AsArray() ?? throw Missing("components")).Select(c => new NetworkComponent(
            Text(c!, "name"), Text(c!, "address"), Text(c!, "secondaryAddress"), c!["pid"]!.GetValue<int>(), Text(c!, "log")))];
        JsonNode? sample = json["sampleTransaction"];
        Sample = sample is null ? null : new SampleTransaction(Text(sample, "asset"), Text(sample, "txid"), sample["block"]!.GetValue<ulong>());
    }

    public string Path { get; }

    public string Channel { get; }

    public string Chaincode { get; }

    /// <summary>The chaincode package installed on both peers (label:sha256), which the chaincode service runs as.</summary>
    public string PackageId { get; }

    public string CryptoDir { get; }

    /// <summary>By organization name: Org1, Org2.</summary>
    public IReadOnlyDictionary<string, NetworkOrg> Orgs { get; }

    public IReadOnlyList<NetworkComponent> Components { get; }

    public SampleTransaction? Sample { get; }

    public NetworkComponent Component(string name) =>
        Components.SingleOrDefault(c => c.Name == name) ?? throw new InvalidOperationException($"network.json lists no component '{name}'");

    public static RunFolder Load(string path)
    {
        string file = System.IO.Path.Combine(path, "network.json");
        return new RunFolder(path, JsonNode.Parse(File.ReadAllText(file)) ?? throw new InvalidOperationException($"{file} is empty"));
    }

    private static string Text(JsonNode node, string key) => node[key]?.GetValue<string>() ?? throw Missing(key);

    private static InvalidOperationException Missing(string key) => new($"network.json has no '{key}'");
}
