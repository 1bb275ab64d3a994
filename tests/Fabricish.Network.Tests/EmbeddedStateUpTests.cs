using System.Text.Json.Nodes;
using Fabricish.Benchmarks.Network;
using Fabricish.Client;
using Fabricish.Network.Tests.Up;
using Fabricish.Protos.Peer;

namespace Fabricish.Network.Tests;

/// <summary><c>./fabricish up --state-db embedded</c>: both peers keep world state in the embedded store, no
/// CouchDB-compatible server runs, the sample chaincode commits and reads as on CouchDB, and its rich query answers
/// what Fabric's LevelDB peer answers.</summary>
public sealed class EmbeddedStateUpTests(EmbeddedStateNetworkFixture fixture) : IClassFixture<EmbeddedStateNetworkFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private RunFolder Run => fixture.Network.Run;

    [Fact]
    public async Task Up_starts_no_CouchDB_server_and_network_json_and_status_name_the_embedded_state_database()
    {
        Assert.DoesNotContain(Run.Components, c => c.Name.StartsWith("couchdb", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(Run.Path, "pids", "couchdb0.pid")));
        JsonNode json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Run.Path, "network.json")))!;
        Assert.Equal("embedded", (string?)json["orgs"]!["Org1"]!["stateDatabase"]);
        Assert.Equal("embedded", (string?)json["orgs"]!["Org2"]!["stateDatabase"]);
        NetworkLayout layout = NetworkLayout.TryLoad(Run.Path, out string? error) ?? throw new InvalidOperationException(error);
        Assert.Equal("embedded state write", StateWriteLabel.Of(layout.StateDatabases));

        ScriptResult status = await FabricishScript.RunAsync(Timeout, "status", "--run-dir", Run.Path);

        Assert.True(status.Succeeded, status.ToString());
        Assert.Contains("state embedded", status.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CouchDB API", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sample_invoke_commits_VALID_on_both_peers_and_ReadAsset_and_GetAllAssets_answer()
    {
        SampleTransaction sample = Run.Sample ?? throw new InvalidOperationException("network.json has no sample transaction");
        NetworkLayout layout = NetworkLayout.TryLoad(Run.Path, out string? error) ?? throw new InvalidOperationException(error);
        foreach (OrgEndpoint org in layout.Orgs)
        {
            using OrgClient client = OrgClient.Connect(org, layout.Channel, layout.Chaincode);

            Assert.Equal(TxValidationCode.Valid, await PeerCommits.ValidationCodeAsync(
                Run.Component(Run.Orgs.Values.Single(o => o.MspId == org.MspId).Peer).Address, client.Identity, Run.Channel, sample.TxId, sample.Block));
            JsonNode asset = JsonNode.Parse(await client.Contract.EvaluateTransactionAsync("ReadAsset", sample.Asset))!;
            Assert.Equal(sample.Asset, (string?)asset["ID"]);
            JsonArray all = JsonNode.Parse(await client.Contract.EvaluateTransactionAsync("GetAllAssets", Array.Empty<string>()))!.AsArray();
            Assert.Contains(all, a => (string?)a!["ID"] == sample.Asset);
        }
    }

    [Fact]
    public async Task A_rich_query_answers_that_the_embedded_state_database_does_not_support_it_and_rich_queries_need_CouchDB()
    {
        NetworkLayout layout = NetworkLayout.TryLoad(Run.Path, out string? error) ?? throw new InvalidOperationException(error);
        using OrgClient client = OrgClient.Connect(layout.Orgs[0], layout.Channel, layout.Chaincode);

        GatewayException refused = await Assert.ThrowsAsync<GatewayException>(() => client.Contract.EvaluateTransactionAsync("QueryAssetsByOwner", "Tomoko"));

        string details = refused.Message + string.Concat(refused.Details.Select(d => d.Message));
        Assert.Contains("ExecuteQuery not supported for leveldb", details, StringComparison.Ordinal);
        Assert.Contains("rich queries need the CouchDB state database", details, StringComparison.Ordinal);
    }
}
