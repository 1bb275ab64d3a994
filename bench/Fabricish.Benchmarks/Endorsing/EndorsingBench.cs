using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fabricish.Benchmarks.Harness;
using Fabricish.Benchmarks.Network;
using Fabricish.Endorser.Chaincode;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using ChaincodeSupport = Fabricish.Endorser.Chaincode.ChaincodeSupport;

namespace Fabricish.Benchmarks.Endorsing;

/// <summary>Endorsements per second of one endorser for asset-transfer's TransferAsset (read one key, write one key)
/// with the chaincode reached over loopback gRPC, N proposals in flight; ECDSA sign and verify rates and the cost
/// of each endorsement stage measured in the same run. The endorser is this process, so its memory is this
/// process's peak resident set.</summary>
public static class EndorsingBench
{
    private const string ChannelId = "mychannel";
    private const int PoolSize = 4096;

    public static async Task<int> RunAsync(EndorsingBenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var network = new TestNetwork(ChannelId);
        var state = new InMemoryStateDatabase();
        await SeedAsync(state, options.Assets).ConfigureAwait(false);
        var channels = new BenchEndorserChannels(network.Config, state);
        await using BenchChaincode chaincode = await BenchChaincode.StartAsync(options.ChaincodeInProcess).ConfigureAwait(false);
        var registry = new BenchRegistry(new ChaincodeDefinition("basic", "1.0", chaincode.PackageId, chaincode.Address));
        await using var support = new ChaincodeSupport(registry);
        var endorser = new Endorser.Endorser(channels, registry, support, network.Org1Peer);

        SignedProposal[] pool = new SignedProposal[PoolSize];
        for (int i = 0; i < pool.Length; i++)
        {
            pool[i] = BenchProposals.Build(network.Org1Client, ChannelId, "basic", "TransferAsset", $"asset{i % options.Assets}", $"owner{i}");
        }

        ProposalResponse first = await endorser.ProcessProposalAsync(pool[0]).ConfigureAwait(false);
        if (first.Response.Status != 200 || first.Endorsement is null)
        {
            await Console.Error.WriteLineAsync($"the first proposal was not endorsed: {first.Response.Status} {first.Response.Message}").ConfigureAwait(false);
            return 1;
        }

        (double sign, double verify) = CryptoRates.Measure(network.Org1Peer, first.Payload.Length + network.Org1Peer.Serialize().Length, TimeSpan.FromSeconds(1));
        var stages = await StageCosts.MeasureAsync(channels, channels.Channel, registry, support, network.Org1Peer, endorser, pool, 2000).ConfigureAwait(false);

        await LoadAsync(endorser, pool, options.Clients, options.Warmup, chaincode.Pid).ConfigureAwait(false);
        GC.Collect();
        LoadResult load = await LoadAsync(endorser, pool, options.Clients, options.Duration, chaincode.Pid).ConfigureAwait(false);

        string report = Report(options, chaincode, sign, verify, stages, load);
        Console.WriteLine(report);
        string folder = Path.Combine(RepoPaths.Root, ".run", "bench");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "endorsing.md"), report).ConfigureAwait(false);
        return load.Failures == 0 ? 0 : 1;
    }

    private static async Task SeedAsync(IStateDatabase state, int assets)
    {
        var batch = new UpdateBatch();
        for (int i = 0; i < assets; i++)
        {
            string id = "asset" + i.ToString(CultureInfo.InvariantCulture);
            batch.Put("basic", id, Encoding.UTF8.GetBytes($$"""{"ID":"{{id}}","Color":"blue","Size":5,"Owner":"tom","AppraisedValue":300,"docType":"asset"}"""), new Height(1, 0));
        }

        await state.ApplyUpdatesAsync(batch, new Height(1, 0)).ConfigureAwait(false);
    }

    private static async Task<LoadResult> LoadAsync(Endorser.Endorser endorser, SignedProposal[] pool, int clients, TimeSpan duration, int? chaincodePid)
    {
        long next = 0;
        long failures = 0;
        var latencies = new List<double>[clients];
        using var stop = new CancellationTokenSource();
        TimeSpan peerCpu = ProcessStats.ProcessCpu();
        TimeSpan chaincodeCpu = chaincodePid is { } pid ? ProcessStats.ProcessCpu(pid) : TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        Task[] workers = new Task[clients];
        for (int w = 0; w < clients; w++)
        {
            var mine = latencies[w] = new List<double>(1 << 14);
            workers[w] = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    SignedProposal proposal = pool[Interlocked.Increment(ref next) % pool.Length];
                    long started = Stopwatch.GetTimestamp();
                    ProposalResponse response = await endorser.ProcessProposalAsync(proposal).ConfigureAwait(false);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (response.Response.Status != 200 || response.Endorsement is null)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            });
        }

        await Task.Delay(duration).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(workers).ConfigureAwait(false);
        TimeSpan elapsed = clock.Elapsed;
        double[] all = [.. latencies.SelectMany(l => l).Order()];
        return new LoadResult(
            all.Length,
            Interlocked.Read(ref failures),
            elapsed,
            ProcessStats.ProcessCpu() - peerCpu,
            chaincodePid is { } p ? ProcessStats.ProcessCpu(p) - chaincodeCpu : null,
            Percentile(all, 0.50),
            Percentile(all, 0.99),
            ProcessStats.PeakResidentBytes(),
            chaincodePid is { } q ? ProcessStats.PeakResidentBytes(q) : null);
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];

    private static string Report(
        EndorsingBenchOptions options,
        BenchChaincode chaincode,
        double sign,
        double verify,
        IReadOnlyList<(string Stage, double Microseconds)> stages,
        LoadResult load)
    {
        var text = new StringBuilder();
        CultureInfo inv = CultureInfo.InvariantCulture;
        double rate = load.Completed / load.Elapsed.TotalSeconds;
        text.AppendLine(inv, $"## Endorsing: TransferAsset (1 read, 1 write), chaincode {(options.ChaincodeInProcess ? "in-process" : "child process")} over loopback gRPC");
        text.AppendLine();
        text.AppendLine(inv, $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end; {options.Clients} proposals in flight, {options.Duration.TotalSeconds:0} s after {options.Warmup.TotalSeconds:0} s warm-up.");
        text.AppendLine();
        text.AppendLine("| measure | value |");
        text.AppendLine("| --- | --- |");
        text.AppendLine(inv, $"| endorsements/s | **{rate:N0}** ({load.Completed:N0} in {load.Elapsed.TotalSeconds:0.0} s, {load.Failures} failed) |");
        text.AppendLine(inv, $"| latency p50 / p99 | {load.P50:0.00} ms / {load.P99:0.00} ms |");
        text.AppendLine(inv, $"| ECDSA P-256 sign, 1 thread | {sign:N0}/s |");
        text.AppendLine(inv, $"| ECDSA P-256 verify, 1 thread | {verify:N0}/s |");
        text.AppendLine(inv, $"| peer CPU per endorsement | {load.PeerCpu.TotalMicroseconds / Math.Max(1, load.Completed):0} µs ({load.PeerCpu.TotalSeconds / load.Elapsed.TotalSeconds:0.00} cores) |");
        if (load.ChaincodeCpu is { } ccCpu)
        {
            text.AppendLine(inv, $"| chaincode CPU per endorsement | {ccCpu.TotalMicroseconds / Math.Max(1, load.Completed):0} µs ({ccCpu.TotalSeconds / load.Elapsed.TotalSeconds:0.00} cores) |");
        }

        text.AppendLine(inv, $"| peer peak resident memory | {load.PeerPeakBytes / 1048576.0:0} MB |");
        if (load.ChaincodePeakBytes is { } ccPeak)
        {
            text.AppendLine(inv, $"| chaincode peak resident memory | {ccPeak / 1048576.0:0} MB |");
        }

        text.AppendLine();
        text.AppendLine("| stage, one proposal at a time | µs |");
        text.AppendLine("| --- | --- |");
        foreach ((string stage, double microseconds) in stages)
        {
            text.AppendLine(inv, $"| {stage} | {microseconds:0} |");
        }

        text.AppendLine();
        text.AppendLine(inv, $"Chaincode {chaincode.PackageId} at {chaincode.Address}.");
        return text.ToString();
    }

    private sealed record LoadResult(
        long Completed,
        long Failures,
        TimeSpan Elapsed,
        TimeSpan PeerCpu,
        TimeSpan? ChaincodeCpu,
        double P50,
        double P99,
        long PeerPeakBytes,
        long? ChaincodePeakBytes);
}
