using System.Globalization;
using System.Text.Json.Nodes;
using Fabricish.Network.Tests.Up;
using Fabricish.Testing;

namespace Fabricish.Network.Tests;

/// <summary>Hyperledger Caliper 0.6.0 (npm @hyperledger/caliper-cli, bound with <c>--caliper-bind-sut fabric:2.5</c> by
/// <c>./fabricish deps</c>) against the network <c>./fabricish up</c> started, through tools/node/caliper/run-caliper.js:
/// Caliper's peer-gateway connector with Org1's connection profile runs a round of CreateAsset submits (each waited for
/// until committed) and a round of ReadAsset evaluates; every transaction of both rounds succeeds, and what Caliper
/// created is readable through Org2's peer.</summary>
[Collection(UpNetworkCollection.Name)]
public sealed class CaliperTests(UpNetworkFixture network) : IDisposable
{
    private static readonly TimeSpan CaliperTimeout = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan CliTimeout = TimeSpan.FromMinutes(2);

    private readonly string _output = Path.Combine(Path.GetTempPath(), "fabricish-caliper-test", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Caliper_bound_to_fabric_2_5_completes_submit_and_evaluate_rounds_with_every_transaction_successful()
    {
        string script = Path.Combine(RepoPaths.Root, "tools", "node", "caliper", "run-caliper.js");
        NodeScript.Result result = await NodeScript.RunAsync(script, ["--run-dir", network.RunDir, "--org", "Org1", "--output", _output], timeout: CaliperTimeout);

        string context = $"exit {result.ExitCode}\nsummary:\n{result.Stdout}\nCaliper's output (last lines):\n{Tail(result.Stderr, 60)}";
        JsonNode summary = JsonNode.Parse(result.Stdout) ?? throw new InvalidOperationException(context);
        Assert.True(result.ExitCode == 0 && summary["ok"]!.GetValue<bool>(), context);

        Dictionary<string, JsonNode> rounds = summary["rounds"]!.AsArray().ToDictionary(r => r!["label"]!.GetValue<string>(), r => r!);
        Assert.Equal(["create-asset", "read-asset"], rounds.Keys.Order(StringComparer.Ordinal));
        foreach ((string label, JsonNode round) in rounds)
        {
            int expected = round["expected"]!.GetValue<int>();
            Assert.True(expected >= 50, $"{label} runs only {expected} transactions");
            Assert.True(round["succ"]!.GetValue<int>() == expected, $"{label}: {round["succ"]} successful of {expected}\n{context}");
            Assert.True(round["fail"]!.GetValue<int>() == 0, $"{label}: {round["fail"]} failed\n{context}");
            Assert.True(round["throughputTps"]!.GetValue<double>() > 0, $"{label}: no throughput\n{context}");
            Assert.InRange(round["avgLatencySeconds"]!.GetValue<double>(), round["minLatencySeconds"]!.GetValue<double>(), round["maxLatencySeconds"]!.GetValue<double>());
        }

        // Caliper ran its Fabric peer-gateway connector on the fabric-gateway SDK the fabric:2.5 binding installs.
        string log = File.ReadAllText(summary["log"]!.GetValue<string>());
        Assert.Contains("Initializing peer gateway connector compatible with installed fabric-gateway SDK: 1.5.0", log, StringComparison.Ordinal);
        Assert.Contains("create-asset", File.ReadAllText(summary["report"]!.GetValue<string>()), StringComparison.Ordinal);

        // Caliper's "successful" submit means committed: the last asset its last worker created is on Org2's peer too.
        int workers = summary["workers"]!.GetValue<int>();
        int perWorker = rounds["create-asset"]["expected"]!.GetValue<int>() / workers;
        string asset = string.Create(CultureInfo.InvariantCulture, $"{summary["assetPrefix"]!.GetValue<string>()}w{workers - 1}-{perWorker - 1}");
        ScriptResult query = await FabricishScript.RunAsync(CliTimeout, "cli", "chaincode", "query", "--connection-profile", network.Run.Orgs["Org2"].ConnectionProfile,
            "-C", network.Run.Channel, "-n", network.Run.Chaincode, "-c", $$"""{"Args":["ReadAsset","{{asset}}"]}""");
        Assert.True(query.Succeeded, query.ToString());
        JsonNode read = JsonNode.Parse(query.Output.Trim().Split('\n')[^1]) ?? throw new InvalidOperationException(query.Output);
        Assert.Equal(asset, read["ID"]?.GetValue<string>());
        Assert.Equal($"Owner{workers - 1}", read["Owner"]?.GetValue<string>());
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));
}
