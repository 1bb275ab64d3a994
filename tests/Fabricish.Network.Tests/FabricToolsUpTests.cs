using System.Text.Json.Nodes;
using Fabricish.Network.Tests.Up;
using Fabricish.Testing;

namespace Fabricish.Network.Tests;

/// <summary>
/// Fabric's own client tooling against the network <c>./fabricish up</c> started, with nothing but Org1's connection
/// profile: the legacy Node SDK, fabric-network 2.2 (tools/node/legacy/network-check.js), with service discovery on
/// and asLocalhost, learns MSPs, orderers, both peers with their heights and chaincodes and the chaincode's endorsement
/// plan from the peer's discovery service, then submits through that plan (seen by block and contract listeners),
/// evaluates and queries qscc; with Org2's peer stopped, discovery leaves it out (no Org2 peer, no plan for the
/// MAJORITY policy) while evaluation on Org1 goes on. And @hyperledger/fabric-gateway reads qscc GetChainInfo through
/// the gateway's Evaluate.
/// </summary>
[Collection(UpNetworkCollection.Name)]
public sealed class FabricToolsUpTests(UpNetworkFixture network)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ControlTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Longer than the peers' Peer:Discovery:AliveExpiration (5 s), so a stopped peer has dropped out.</summary>
    private static readonly TimeSpan AliveExpiration = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task Fabric_network_2_2_with_discovery_submits_through_the_discovered_plan_hears_events_evaluates_and_queries_qscc()
    {
        RunFolder run = network.Run;
        // Another test of the collection may just have restarted a peer: wait until discovery lists both again.
        (JsonNode summary, string context) = await LegacyCheckAsync(run, "--wait-for-peers", string.Join(',', run.Orgs.Values.Select(o => o.MspId)));

        Assert.True(summary["ok"]!.GetValue<bool>(), context);
        Assert.Equal(["OrdererMSP", "Org1MSP", "Org2MSP"], summary["msps"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.All(summary["tlsRootCerts"]!.AsObject(), e => Assert.True(e.Value!.GetValue<bool>(), $"{e.Key} has no TLS root certificate\n{context}"));
        Assert.NotEmpty(summary["orderers"]!["OrdererMSP"]!.AsArray());
        foreach (NetworkOrg org in run.Orgs.Values)
        {
            JsonNode peer = Assert.Single(summary["peers"]![org.MspId]!.AsArray())!;
            Assert.Equal(run.Component(org.Peer).Address, peer["endpoint"]!.GetValue<string>());
            Assert.Contains(run.Chaincode, peer["chaincodes"]!.AsArray().Select(c => c!.GetValue<string>()));
            Assert.True(ulong.Parse(peer["ledgerHeight"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > 1, context);
        }

        // The sample channel's MAJORITY Endorsement of two organisations: one layout, a peer of each.
        JsonNode plan = summary["plan"]!;
        JsonNode layout = Assert.Single(plan["layouts"]!.AsArray())!;
        Assert.Equal([1, 1], layout.AsObject().Select(q => q.Value!.GetValue<int>()));
        Assert.Equal(
            run.Orgs.Values.Select(o => o.MspId).Order(),
            layout.AsObject().Select(q => Assert.Single(plan["groups"]![q.Key]!.AsArray())!["mspid"]!.GetValue<string>()).Order());

        string txId = summary["submit"]!["transactionId"]!.GetValue<string>();
        Assert.Contains(summary["events"]!.AsArray(), e => e!["transactionId"]!.GetValue<string>() == txId && e["name"]!.GetValue<string>() == "CreateAsset");
        Assert.NotEmpty(summary["blocks"]!.AsArray());
        Assert.Equal("Discovery", summary["evaluate"]!["owner"]!.GetValue<string>());
        Assert.True(ulong.Parse(summary["chainInfo"]!["height"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > 1, context);
    }

    [Fact]
    public async Task With_org2s_peer_down_discovery_leaves_it_out_and_fabric_network_still_evaluates_on_org1()
    {
        RunFolder run = network.Run;
        NetworkOrg org2 = run.Orgs["Org2"];
        ScriptResult stop = await FabricishScript.RunAsync(ControlTimeout, "stop", org2.Peer, "--run-dir", network.RunDir);
        Assert.True(stop.Succeeded, stop.ToString());
        try
        {
            await Task.Delay(AliveExpiration);
            (JsonNode summary, string context) = await LegacyCheckAsync(run, "--evaluate-only");

            Assert.True(summary["ok"]!.GetValue<bool>(), context);
            Assert.Empty(summary["peers"]![org2.MspId]!.AsArray());
            Assert.Single(summary["peers"]![run.Orgs["Org1"].MspId]!.AsArray());
            Assert.Null(summary["plan"]);
            Assert.Equal($"DiscoveryService: {run.Chaincode} error: failed constructing descriptor for chaincodes:{{name:\"{run.Chaincode}\"}}", summary["planError"]!.GetValue<string>());
            Assert.True(summary["evaluate"]!["assets"]!.GetValue<int>() > 0, context);
        }
        finally
        {
            ScriptResult start = await FabricishScript.RunAsync(ControlTimeout, "start", org2.Peer, "--run-dir", network.RunDir);
            Assert.True(start.Succeeded, start.ToString());
        }
    }

    [Fact]
    public async Task Fabric_gateway_evaluates_qscc_GetChainInfo_through_the_peers_gateway()
    {
        RunFolder run = network.Run;
        NetworkOrg org1 = run.Orgs["Org1"];
        string certificate = Directory.GetFiles(Path.Combine(org1.UserMsp, "signcerts")).Order().First();
        string key = Directory.GetFiles(Path.Combine(org1.UserMsp, "keystore")).Order().First();

        NodeScript.Result result = await NodeScript.RunAsync(Path.Combine(RepoPaths.Root, "tools", "node", "gateway", "qscc-check.js"),
        [
            "--endpoint", run.Component(org1.Peer).Address,
            "--msp-id", org1.MspId,
            "--cert", certificate,
            "--key", key,
            "--channel", run.Channel,
        ], timeout: ScriptTimeout);

        string context = $"exit {result.ExitCode}\nstdout:\n{result.Stdout}\nstderr:\n{result.Stderr}";
        JsonNode summary = JsonNode.Parse(result.Stdout) ?? throw new InvalidOperationException(context);
        Assert.True(result.ExitCode == 0 && summary["ok"]!.GetValue<bool>(), context);
        Assert.True(summary["height"]!.GetValue<long>() > 1, context);
        Assert.Equal(64, summary["currentBlockHash"]!.GetValue<string>().Length);
    }

    private static async Task<(JsonNode Summary, string Context)> LegacyCheckAsync(RunFolder run, params string[] extra)
    {
        NodeScript.Result result = await NodeScript.RunAsync(Path.Combine(RepoPaths.Root, "tools", "node", "legacy", "network-check.js"),
            ["--profile", run.Orgs["Org1"].ConnectionProfile, "--channel", run.Channel, "--chaincode", run.Chaincode, .. extra],
            timeout: ScriptTimeout, nodeModules: RepoPaths.LegacyNodeModules);
        string context = $"exit {result.ExitCode}\nstdout:\n{result.Stdout}\nstderr (last 4000):\n{result.Stderr[Math.Max(0, result.Stderr.Length - 4000)..]}";
        JsonNode summary = JsonNode.Parse(result.Stdout) ?? throw new InvalidOperationException(context);
        return (summary, context);
    }
}
