using System.Diagnostics;
using System.Text.Json.Nodes;
using Fabricish.Channels.Msp;
using Fabricish.Network.Tests.Up;
using Fabricish.Protos.Peer;

namespace Fabricish.Network.Tests;

/// <summary>The whole-network bench (<c>./fabricish bench</c>'s program) run for 10 seconds against the network
/// <c>./fabricish up</c> started: its JSON report is well formed, every transaction it started is accounted for
/// (committed, invalid with a validation code, or failed with a reason), and what it calls committed really is
/// committed VALID on both peers.</summary>
[Collection(UpNetworkCollection.Name)]
public sealed class NetworkBenchTests(UpNetworkFixture network) : IDisposable
{
    private static readonly TimeSpan BenchTimeout = TimeSpan.FromMinutes(4);

    private readonly string _output = Path.Combine(Path.GetTempPath(), "fabricish-bench-test", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Ten_second_transfer_bench_reports_every_transaction_and_its_commits_are_on_both_peers()
    {
        (int exitCode, string printed) = await RunBenchAsync(
            "--run-dir", network.RunDir, "--workload", "transfer", "--duration", "10", "--warmup", "2", "--workers", "8",
            "--crypto-seconds", "0.3", "--trace", "--output", _output);

        Assert.True(exitCode == 0, $"the bench exited {exitCode}:\n{printed}");
        JsonNode report = JsonNode.Parse(File.ReadAllText(Path.Combine(_output, "report.json")))!;
        Assert.Equal("transfer", report["workload"]!.GetValue<string>());
        Assert.Equal(10, report["windowSeconds"]!.GetValue<double>(), 1);

        JsonNode all = report["transactions"]!;
        long started = all["started"]!.GetValue<long>();
        long committed = all["committed"]!.GetValue<long>();
        long invalid = all["invalid"]!.GetValue<long>();
        long failed = all["failed"]!.GetValue<long>();
        Assert.True(committed > 0, $"nothing committed:\n{printed}");
        Assert.Equal(0, all["pending"]!.GetValue<long>());
        Assert.Equal(started, committed + invalid + failed);
        Assert.Equal(invalid, all["invalidByCode"]!.AsObject().Sum(c => c.Value!.GetValue<long>()));
        Assert.Equal(failed, all["failedByReason"]!.AsObject().Sum(c => c.Value!.GetValue<long>()));
        Assert.True(all["allAccountedFor"]!.GetValue<bool>());
        Assert.True(failed == 0, $"{failed} transactions failed:\n{printed}");
        Assert.Equal(10, report["blockSize"]!.GetValue<int>());
        Assert.True(report["committedPerSecond"]!.GetValue<double>() > 0);

        JsonNode e2e = report["latency"]!["endToEnd"]!;
        Assert.True(e2e["samples"]!.GetValue<int>() > 0);
        Assert.InRange(e2e["p50Ms"]!.GetValue<double>(), 0.001, e2e["p99Ms"]!.GetValue<double>());
        Assert.InRange(e2e["p99Ms"]!.GetValue<double>(), 0.001, e2e["maxMs"]!.GetValue<double>());
        Assert.True(report["latency"]!["order"]!["samples"]!.GetValue<int>() > 0, "no order latency: the orderer's blocks were not followed");

        JsonNode crypto = report["crypto"]!;
        Assert.True(crypto["ceilingTransactionsPerSecond"]!.GetValue<double>() > 0);
        // With the signature memory: the 2 endorsers, the gateway's 2 checks, the orderer's, and per peer the creator's or
        // an endorsement it did not make or check itself, plus the block signature.
        Assert.True(crypto["verifiesPerTransaction"]!.GetValue<double>() >= 7, "AND of two orgs: 2 endorsers, gateway 2, orderer 1 and at least 1 per peer");
        JsonArray measured = report["measuredSignatures"]!.AsArray();
        Assert.Equal(2, measured.Count);
        Assert.All(measured, peer => Assert.True(peer!["verifies"]!.GetValue<double>() >= 1, $"{peer["where"]} counted no verifies per transaction"));
        string[] cpu = [.. report["cpu"]!.AsArray().Select(p => p!["name"]!.GetValue<string>())];
        Assert.Contains("peer0.org1", cpu);
        Assert.Contains("orderer0", cpu);
        Assert.Contains("bench", cpu);
        // CPU per committed transaction: each process's share, and the network's (the bench left out) as their sum.
        double networkMs = report["networkCpuMsPerCommittedTransaction"]!.GetValue<double>();
        double summed = report["cpu"]!.AsArray().Where(p => p!["name"]!.GetValue<string>() != "bench").Sum(p => p!["msPerCommittedTransaction"]!.GetValue<double>());
        Assert.True(networkMs > 0, "no network CPU per committed transaction");
        Assert.Equal(summed, networkMs, 0.1);
        Assert.NotEmpty(report["timeline"]!.AsArray());
        Assert.Contains("Committed tx/s", File.ReadAllText(Path.Combine(_output, "report.md")), StringComparison.Ordinal);
        AssertPng(Path.Combine(_output, "latency.png"));

        string[] trace = File.ReadAllLines(Path.Combine(_output, "trace.jsonl"));
        Assert.Equal(started, trace.Length);
        JsonNode first = trace.Select(l => JsonNode.Parse(l)!).First(t => t["outcome"]!.GetValue<string>() == "Committed" && t["measured"]!.GetValue<bool>());
        foreach (NetworkOrg org in network.Run.Orgs.Values)
        {
            using SigningIdentity reader = MspDirectory.LoadSigningIdentity(org.UserMsp, org.MspId);
            TxValidationCode? code = await PeerCommits.ValidationCodeAsync(network.Run.Component(org.Peer).Address, reader, network.Run.Channel,
                first["txid"]!.GetValue<string>(), first["block"]!.GetValue<ulong>());
            Assert.Equal(TxValidationCode.Valid, code);
        }
    }

    [Fact]
    public async Task A_block_size_the_running_network_does_not_cut_is_refused_before_any_load()
    {
        (int exitCode, string printed) = await RunBenchAsync(
            "--run-dir", network.RunDir, "--block-size", "100", "--duration", "5", "--output", _output);

        Assert.Equal(2, exitCode);
        Assert.Contains("--block-size 100: the network in", printed, StringComparison.Ordinal);
        Assert.Contains("cuts blocks of 10", printed, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_output, "report.json")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    private static void AssertPng(string path)
    {
        byte[] png = File.ReadAllBytes(path);
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG signature");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(png, png.Length - 8, 4));
    }

    /// <summary>The bench program built with this test project, run in a process of its own (the test's dependency
    /// file lists everything it needs).</summary>
    private static async Task<(int ExitCode, string Output)> RunBenchAsync(params string[] args)
    {
        string dir = AppContext.BaseDirectory;
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in (string[])["exec", "--runtimeconfig", Path.Combine(dir, "Fabricish.Network.Tests.runtimeconfig.json"),
            "--depsfile", Path.Combine(dir, "Fabricish.Network.Tests.deps.json"), Path.Combine(dir, "Fabricish.Benchmarks.dll"), "network", .. args])
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(BenchTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the bench did not finish within {BenchTimeout.TotalMinutes:0} minutes");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
