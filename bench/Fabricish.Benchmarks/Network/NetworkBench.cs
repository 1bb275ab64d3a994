using System.Diagnostics;
using System.Globalization;
using Fabricish.Testing;
using Grpc.Net.Client;

namespace Fabricish.Benchmarks.Network;

/// <summary>
/// <c>./fabricish bench</c>: drives a running local network (or starts one with <c>--up</c>) through the peers'
/// gateways with Fabricish.Client, follows every peer's (and the orderer's) blocks, and reports throughput, latency per
/// step, CPU per process and the machine's ECDSA ceiling for the workload.
/// </summary>
public static class NetworkBench
{
    private static readonly TimeSpan WatchAttachTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(NetworkBenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TextWriter progress = Console.Error;
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        string run = Path.GetFullPath(options.RunDirectory ?? Path.Combine(RepoPaths.Root, ".run"));
        bool started = false;
        if (options.Up)
        {
            bool wasRunning = NetworkLayout.TryLoad(run, out _) is { } before && before.Pids.Count > 0 && before.Pids.Values.All(Alive);
            if (!wasRunning)
            {
                await progress.WriteLineAsync($"bench: starting the network in {run} (./fabricish up)").ConfigureAwait(false);
                if (await NetworkControl.UpAsync(run, options.BasePort, options.StateDatabase, options.BlockSize, stop.Token).ConfigureAwait(false) is not 0 and var code)
                {
                    await progress.WriteLineAsync($"bench: ./fabricish up --run-dir {run} failed (exit {code})").ConfigureAwait(false);
                    return 1;
                }

                started = true;
            }
        }

        try
        {
            return await BenchAsync(options, run, progress, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            if (started && options.Down)
            {
                await NetworkControl.DownAsync(run, CancellationToken.None).ConfigureAwait(false);
            }
            else if (started)
            {
                await progress.WriteLineAsync($"bench: the network keeps running; ./fabricish down --run-dir {run} stops it").ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> BenchAsync(NetworkBenchOptions options, string run, TextWriter progress, CancellationToken cancellationToken)
    {
        NetworkLayout? layout = NetworkLayout.TryLoad(run, out string? error);
        if (layout is null)
        {
            await progress.WriteLineAsync($"bench: {error}").ConfigureAwait(false);
            return 2;
        }

        if (options.BlockSize is { } blockSize && layout.BlockSize != blockSize)
        {
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"bench: --block-size {blockSize}: the network in {run} cuts blocks of {layout.BlockSize?.ToString(CultureInfo.InvariantCulture) ?? "an unrecorded size"}; bench a new one with --up --block-size {blockSize} --run-dir <another folder>")).ConfigureAwait(false);
            return 2;
        }

        List<OrgEndpoint> gatewayOrgs = options.Gateways.Count == 0
            ? [.. layout.Orgs]
            : [.. layout.Orgs.Where(o => options.Gateways.Contains(o.Name, StringComparer.OrdinalIgnoreCase))];
        if (gatewayOrgs.Count != Math.Max(1, options.Gateways.Count) && options.Gateways.Count > 0)
        {
            await progress.WriteLineAsync($"bench: --gateways {string.Join(',', options.Gateways)}: the network's orgs are {string.Join(", ", layout.Orgs.Select(o => o.Name))}").ConfigureAwait(false);
            return 2;
        }

        string policy = NetworkControl.CurrentPolicy(layout);
        if (options.Policy is { } wanted && !string.Equals(wanted.Replace(" ", "", StringComparison.Ordinal), policy.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal))
        {
            if (await NetworkControl.SetPolicyAsync(layout, wanted, progress, cancellationToken).ConfigureAwait(false) is { } failed)
            {
                await progress.WriteLineAsync($"bench: --policy: {failed}").ConfigureAwait(false);
                return 1;
            }

            policy = wanted;
        }

        // Measured before any load, while the network idles: the machine's own crypto speed.
        await progress.WriteLineAsync($"bench: measuring ECDSA P-256 sign and verify per core ({options.CryptoProbe.TotalSeconds:0.#} s each)").ConfigureAwait(false);
        (double signPerCore, double verifyPerCore) = CryptoCeiling.MeasurePerCore(options.CryptoProbe);

        List<OrgClient> clients = [.. layout.Orgs.Select(o => OrgClient.Connect(o, layout.Channel, layout.Chaincode))];
        using GrpcChannel orderer = layout.Orderers[0].Connect();
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var tracker = new TxTracker(clients.Count);
            var peerWatchers = clients.Select((c, i) => new PeerCommitWatcher(i, c.Endpoint.PeerName, c.Peer, c.Identity, layout.Channel, tracker)).ToList();
            OrdererBlockWatcher? ordererWatcher = options.WatchOrderer ? new OrdererBlockWatcher(orderer, clients[0].Identity, layout.Channel, tracker) : null;
            var watchTasks = peerWatchers.Select(w => w.RunAsync(watching.Token)).ToList();
            if (ordererWatcher is not null)
            {
                watchTasks.Add(ordererWatcher.RunAsync(watching.Token));
            }

            List<Task> ready = [.. peerWatchers.Select(w => w.Ready)];
            if (ordererWatcher is not null)
            {
                ready.Add(ordererWatcher.Ready);
            }

            if (options.Workload != WorkloadKind.Query && !await AttachedAsync(ready).ConfigureAwait(false))
            {
                string why = string.Join("; ", peerWatchers.Select(w => w.LastError).Append(ordererWatcher?.LastError).OfType<string>());
                await progress.WriteLineAsync($"bench: the block watchers did not attach within {WatchAttachTimeout.TotalSeconds:0} s: {why}").ConfigureAwait(false);
                return 1;
            }

            var workload = new Workload(options);
            List<OrgClient> gateways = [.. clients.Where(c => gatewayOrgs.Contains(c.Endpoint))];
            var generator = new LoadGenerator(gateways, tracker, workload, options.TransactionTimeout);
            var benchStart = DateTimeOffset.UtcNow;
            if (workload.SeedKeys.Count > 0)
            {
                await progress.WriteLineAsync($"bench: creating {workload.SeedKeys.Count} assets the {options.Workload.ToString().ToLowerInvariant()} workload uses").ConfigureAwait(false);
                IReadOnlyList<TxRecord> seeded = await generator.SeedAsync(Math.Min(options.Workers, 64), cancellationToken).ConfigureAwait(false);
                if (seeded.Count(r => r.Outcome != TxOutcome.Committed) is > 0 and var bad)
                {
                    await progress.WriteLineAsync($"bench: {bad} of {seeded.Count} seed assets were not created; first: {seeded.First(r => r.Outcome != TxOutcome.Committed).Reason ?? seeded.First(r => r.Outcome != TxOutcome.Committed).Code?.ToString()}").ConfigureAwait(false);
                }
            }

            var window = new LoadWindow(options);
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"bench: {options.Workload.ToString().ToLowerInvariant()} load, {(options.OpenLoop ? $"open loop {options.Rate} tx/s" : $"{options.Workers} workers")}, {options.Warmup.TotalSeconds:0.#} s warm-up + {(options.TransactionCount is { } n ? $"{n} transactions" : $"{options.Duration.TotalSeconds:0.#} s")}")).ConfigureAwait(false);
            StateDbRequests? stateDb = null;
            EcdsaOperationCounts? ecdsa = null;
            window.AtWindowStart = () =>
            {
                ecdsa = EcdsaOperationCounts.Start(layout.PeerOperations);
                stateDb = options.Trace ? StateDbRequests.Start(run) : null;
            };
            window.AtWindowEnd = () =>
            {
                ecdsa?.End();
                stateDb?.End();
            };

            Task cpu = window.SampleCpuAsync(layout.Pids, cancellationToken);
            using var progressStop = new CancellationTokenSource();
            Task ticker = window.ReportProgressAsync(tracker, progress, progressStop.Token);
            Task load = options.Rate is { } rate
                ? generator.RunOpenLoopAsync(rate, options.Workers, window.Stop, window.Measured, cancellationToken)
                : generator.RunClosedLoopAsync(options.Workers, window.Stop, window.Measured, cancellationToken);
            await load.ConfigureAwait(false);
            window.MarkStopped();
            await cpu.ConfigureAwait(false);
            await progressStop.CancelAsync().ConfigureAwait(false);
            await ticker.ConfigureAwait(false);

            await watching.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(watchTasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);

            var inputs = new NetworkReportInputs(options, layout, policy, gateways.Select(g => g.Endpoint.Name).ToList(), [.. tracker.All], benchStart, window.LoadStart, window,
                signPerCore, verifyPerCore, tracker.OrderedTotals, ordererWatcher is not null, generator.Skipped,
                peerWatchers.Select(w => w.LastError).Append(ordererWatcher?.LastError).OfType<string>().ToList());
            NetworkReport report = NetworkReportBuilder.Build(inputs);
            long windowCommitted = (long)Math.Round(report.CommittedPerSecond * window.CpuSeconds);
            if (stateDb is not null)
            {
                report = report with { StateDbRequests = stateDb.Count(windowCommitted) };
            }

            if (ecdsa is not null)
            {
                report = report with { MeasuredSignatures = await ecdsa.PerTransactionAsync(windowCommitted).ConfigureAwait(false) };
            }

            string folder = options.OutputDirectory is { } output
                ? Path.GetFullPath(output)
                : Path.Combine(run, "bench", $"{benchStart.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{options.Workload.ToString().ToLowerInvariant()}");
            report = WriteFiles(report, folder, inputs, clients.Select(c => c.Endpoint.PeerName).ToList());
            Console.WriteLine(NetworkReportWriter.ToMarkdown(report));
            return report.Transactions.AllAccountedFor ? 0 : 1;
        }
        finally
        {
            foreach (OrgClient client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static NetworkReport WriteFiles(NetworkReport report, string folder, NetworkReportInputs inputs, IReadOnlyList<string> peerNames)
    {
        Directory.CreateDirectory(folder);
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["json"] = Path.Combine(folder, "report.json"),
            ["markdown"] = Path.Combine(folder, "report.md"),
            ["chart"] = Path.Combine(folder, "latency.png"),
        };
        if (inputs.Options.Trace)
        {
            files["trace"] = Path.Combine(folder, "trace.jsonl");
            TraceWriter.Write(files["trace"], inputs.Records, inputs.Origin, peerNames);
        }

        report = report with { Files = files };
        string title = string.Create(CultureInfo.InvariantCulture, $"{report.Workload} - {report.CommittedPerSecond:0} TX/S, E2E P50 {report.Latency.EndToEnd.P50Ms:0} MS, P99 {report.Latency.EndToEnd.P99Ms:0} MS");
        File.WriteAllBytes(files["chart"], LatencyChart.Render(title, report.Timeline, inputs.Window.WindowStartSeconds(inputs.Origin), inputs.Window.WindowEndSeconds(inputs.Origin, inputs.Records)));
        File.WriteAllText(files["markdown"], NetworkReportWriter.ToMarkdown(report));
        File.WriteAllText(files["json"], NetworkReportWriter.ToJson(report));
        return report;
    }

    private static async Task<bool> AttachedAsync(List<Task> ready)
    {
        Task all = Task.WhenAll(ready);
        return await Task.WhenAny(all, Task.Delay(WatchAttachTimeout)).ConfigureAwait(false) == all;
    }

    private static bool Alive(int pid) => Directory.Exists($"/proc/{pid}");
}
