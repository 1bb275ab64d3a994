using System.Text.Json.Nodes;
using Fabricish.Benchmarks.Chaos;
using Fabricish.Network.Tests.Up;

namespace Fabricish.Network.Tests.Chaos;

/// <summary>
/// <c>./fabricish chaos --short</c> as CI runs it: a network of its own with a host (network namespace) per
/// organization, brought up by the command, then a crash of an orderer and of a peer, both tamper attempts, Org2 cut off
/// from the orderers and the latency run, all under load. Every fault must pass: nothing lost or doubled against both
/// peers' ledgers, no hand needed, Org2 back at the orderers' height within 10 s of the partition healing. In the
/// up collection so it never shares the two cores with another network under load.
/// </summary>
[Collection(UpNetworkCollection.Name)]
public sealed class ChaosSuiteTests : IDisposable
{
    private static readonly TimeSpan SuiteTimeout = TimeSpan.FromMinutes(12);
    private readonly string _run = Path.Combine(Path.GetTempPath(), "fabricish-chaos-test", Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task The_short_fault_suite_loses_and_doubles_nothing_and_every_fault_recovers_without_a_hand()
    {
        string output = Path.Combine(_run, "report");

        ScriptResult result = await FabricishScript.RunAsync(SuiteTimeout, "chaos", "--short", "--run-dir", _run, "--output", output);

        string reportFile = Path.Combine(output, "report.json");
        Assert.True(File.Exists(reportFile), $"no report was written:\n{result.Output}");
        JsonNode report = JsonNode.Parse(File.ReadAllText(reportFile))!;
        JsonArray rows = report["rows"]!.AsArray();
        Assert.Equal(["none", .. ChaosOptions.ShortFaults], rows.Select(r => r!["fault"]!.GetValue<string>()));
        foreach (JsonNode? row in rows)
        {
            string fault = row!["fault"]!.GetValue<string>();
            Assert.True(row["action"]!.GetValue<string>() != "skipped", $"{fault} was skipped: {row["notes"]}");
            Assert.True(row["lost"]!.GetValue<long>() == 0, $"{fault} lost transactions:\n{result.Output}");
            Assert.True(row["doubled"]!.GetValue<long>() == 0, $"{fault} doubled transactions:\n{result.Output}");
            Assert.True(row["hand"]!.GetValue<string>() == "no", $"{fault} needed a hand ({row["hand"]}):\n{result.Output}");
            Assert.True(row["passed"]!.GetValue<bool>(), $"{fault} did not pass:\n{result.Output}");
        }

        Assert.True(rows.Sum(r => r!["committed"]!.GetValue<long>()) > 0, result.Output);
        Assert.True(report["ledgersIdentical"]!.GetValue<bool>(), report["ledgerNote"]!.GetValue<string>());
        Assert.Contains("(limit 10 s)", rows.Single(r => r!["fault"]!.GetValue<string>() == "partition")!["notes"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("tx/s", rows.Single(r => r!["fault"]!.GetValue<string>() == "latency")!["notes"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(result.ExitCode == 0, $"./fabricish chaos exited {result.ExitCode}:\n{result.Output}");
    }

    public void Dispose()
    {
        // The suite stops the network it started; after a failure it keeps it for a look, which a test must not.
        if (File.Exists(Path.Combine(_run, "network.env")))
        {
            FabricishScript.RunAsync(TimeSpan.FromMinutes(3), "down", "--clean", "--run-dir", _run).GetAwaiter().GetResult();
        }

        if (Directory.Exists(_run))
        {
            Directory.Delete(_run, recursive: true);
        }
    }
}
