using System.Diagnostics;
using System.Runtime.InteropServices;
using Fabricish.Benchmarks.Network;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.CouchDb;
using Fabricish.Ledger.State.Embedded;
using Fabricish.Testing;
using Fabricish.Testing.Infra;

namespace Fabricish.Benchmarks.Committing;

/// <summary>Transactions per second one committing peer validates and commits into CouchDB or the embedded store, with
/// parallel validation on and off, next to this machine's ECDSA verify rate measured in the same run. The blocks are
/// built before anything is timed, so signing them costs the measurement nothing (except in a long, streamed run,
/// which measures memory).</summary>
public static class CommitterBench
{
    public static async Task<int> RunAsync(CommitterBenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        DateTimeOffset started = DateTimeOffset.UtcNow;
        string loadBefore = LoadAverage();
        using var network = new TestNetwork();
        var build = Stopwatch.StartNew();
        CommitterWorkload workload = CommitterWorkload.Build(network, options.WarmupBlocks, options.Blocks, options.TransactionsPerBlock);
        double buildSeconds = build.Elapsed.TotalSeconds;
        (double oneThread, double allCores) = VerifyRates.Measure(network.Org1Peer, workload.SignedPayloadBytes, options.CryptoDuration);

        PouchDbServer? pouch = options.CouchDb is null && !options.Embedded ? await PouchDbServer.StartAsync(inMemory: !options.PouchDbOnDisk).ConfigureAwait(false) : null;
        try
        {
            using HttpClient http = pouch?.CreateClient() ?? new HttpClient { BaseAddress = options.CouchDb ?? new Uri("http://127.0.0.1/"), Timeout = TimeSpan.FromSeconds(30) };
            if (options.CouchDb?.UserInfo is { Length: > 0 } user)
            {
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                    "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(user))));
            }

            Func<string, IStateDatabase> newState = options.Embedded
                ? directory => EmbeddedStateDatabase.Open(directory)
                : _ => new CouchDbStateDatabase(http, "bench" + Guid.NewGuid().ToString("N")[..12]);
            var runs = new List<CommitRunResult>();
            if (workload.Streamed)
            {
                // Building the blocks shares the cores with the committer here: the run is for memory, not speed, and
                // its stages are not measured separately (they would need the blocks twice).
                runs.Add(await CommitterRun.RunAsync(network, workload, newState, options.ParallelModes[0], options.PipelineModes[0], (0, 0, 0)).ConfigureAwait(false));
            }
            else
            {
                // One unreported run first: whichever configuration came first otherwise also paid for warming up this
                // process's JIT, the HTTP connections and pouchdb-server, and measured consistently slower.
                await CommitterRun.RunAsync(network, workload, newState, options.ParallelModes[0], options.PipelineModes[0], (0, 0, 0)).ConfigureAwait(false);
                foreach (bool pipelined in options.PipelineModes)
                {
                    foreach (bool parallel in options.ParallelModes)
                    {
                        var stages = CommitStages.Measure(network, workload, parallel);
                        runs.Add(await CommitterRun.RunAsync(network, workload, newState, parallel, pipelined, stages).ConfigureAwait(false));
                    }
                }
            }

            var report = new CommitterReport
            {
                StartedAt = started,
                LoadAverage = $"{loadBefore} → {LoadAverage()}",
                Machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC",
                StateDatabase = options.Embedded ? "embedded (RocksDB 11.12, one store per channel in the run's folder)"
                    : pouch is not null
                    ? $"pouchdb-server 4.2.0 ({(options.PouchDbOnDisk ? "LevelDB on disk" : "in memory")}) on {pouch.BaseAddress}"
                    : $"CouchDB at {options.CouchDb!.GetLeftPart(UriPartial.Authority).Replace(options.CouchDb.UserInfo + "@", "", StringComparison.Ordinal)}",
                TransactionsPerBlock = options.TransactionsPerBlock,
                EnvelopeBytes = workload.EnvelopeBytes,
                WarmupBlocks = options.WarmupBlocks,
                BuildSeconds = buildSeconds,
                VerifiesPerSecondOneThread = oneThread,
                VerifiesPerSecondAllCores = allCores,
                Runs = runs,
            };
            Console.WriteLine(CommitterReportWriter.ToMarkdown(report));
            string json = CommitterReportWriter.Write(report, Path.Combine(RepoPaths.Root, ".run", "bench"));
            Console.WriteLine($"JSON: {json}");
            return runs.All(r => r.ValidTransactions == r.Transactions) ? 0 : 1;
        }
        finally
        {
            if (pouch is not null)
            {
                await pouch.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
