using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Fabricish.Benchmarks.Network;
using Fabricish.Ledger;
using Fabricish.Orderer.Broadcast;
using Fabricish.Orderer.Kafka;
using Fabricish.Orderer.MsgProcessor;
using Fabricish.Testing;
using Fabricish.Testing.Infra;

namespace Fabricish.Benchmarks.Harness;

/// <summary>
/// The <c>orderer</c> mode: starts ZooKeeper + Kafka 0.9 (or uses --bootstrap), creates a Kafka channel of the sample
/// network on one orderer node, drives it with concurrent broadcast clients for a fixed window, and reports throughput
/// into blocks, cut latency, peak resident memory and the ECDSA verify rate of the same run.
/// </summary>
public static class OrdererHarness
{
    public static async Task<int> RunAsync(HarnessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        DateTimeOffset startedAt = DateTimeOffset.UtcNow;
        KafkaCluster? cluster = null;
        string bootstrap;
        string kafka;
        KafkaProtocol protocol = options.Protocol;
        int brokers = options.Brokers;
        if (options.Bootstrap is null)
        {
            Log($"starting ZooKeeper + {brokers} Kafka 0.9 broker(s) from .deps");
            cluster = await KafkaCluster.StartAsync(new KafkaClusterOptions { BrokerCount = brokers }).ConfigureAwait(false);
            bootstrap = cluster.BootstrapServers;
            protocol = KafkaProtocol.Legacy09;
            kafka = $"started here: ZooKeeper + {brokers} × Kafka 0.9.0.1, replication {Math.Min(3, brokers)}, min.insync {Math.Min(2, brokers)}, acks=all";
        }
        else
        {
            bootstrap = options.Bootstrap;
            brokers = bootstrap.Split(',').Length;
            kafka = $"external ({bootstrap}), protocol {protocol}";
        }

        try
        {
            HarnessReport report = await MeasureAsync(options, startedAt, bootstrap, protocol, brokers, kafka).ConfigureAwait(false);
            Console.WriteLine();
            Console.Write(ReportWriter.ToMarkdown(report));
            string directory = options.OutputDirectory ?? Path.Combine(RepoPaths.Root, ".run", "bench");
            Log($"report written to {ReportWriter.Write(report, directory)} (and .md)");
            return 0;
        }
        finally
        {
            if (cluster is not null)
            {
                Log("stopping Kafka and ZooKeeper");
                await cluster.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<HarnessReport> MeasureAsync(
        HarnessOptions options, DateTimeOffset startedAt, string bootstrap, KafkaProtocol protocol, int brokers, string kafka)
    {
        string channelId = "bench" + startedAt.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        using var network = new TestNetwork(channelId, p => p with
        {
            Orderer = p.Orderer! with
            {
                BatchTimeout = options.BatchTimeout,
                BatchSize = p.Orderer.BatchSize with { MaxMessageCount = options.MaxMessageCount },
            },
        });
        using var scratch = new ScratchDirectory("bench-orderer");
        string? dll = options.OrdererDll ?? GrpcTarget.FindOrdererDll();
        bool grpc = options.Via switch
        {
            "grpc" => dll is not null ? true : throw new InvalidOperationException("the orderer host's fabricish-orderer.dll was not found; pass --orderer-dll"),
            "inprocess" => false,
            _ => dll is not null,
        };
        BlockStore? store = null;
        IOrdererTarget target;
        if (grpc)
        {
            Log($"starting the orderer host {dll}");
            target = await GrpcTarget.StartAsync(dll!, network, bootstrap, protocol.ToString(), scratch).ConfigureAwait(false);
        }
        else
        {
            if (options.Via is null)
            {
                Log("the orderer host's build was not found: driving the pipeline in-process");
            }

            // As the orderer host opens its ledgers: orderers need no txid index.
            store = BlockStore.Open(scratch.Sub("ledger"), new BlockStoreOptions { IndexTransactionIds = false });
            target = StartInProcess(network, store, bootstrap, protocol, brokers);
        }

        try
        {
            return await MeasureAsync(options, startedAt, network, target, kafka).ConfigureAwait(false);
        }
        finally
        {
            await target.DisposeAsync().ConfigureAwait(false);
            store?.Dispose();
        }
    }

    private static InProcessTarget StartInProcess(TestNetwork network, BlockStore store, string bootstrap, KafkaProtocol protocol, int brokers)
    {
        AppendResult appended = store.Append(network.Genesis);
        if (!appended.Accepted)
        {
            throw new InvalidOperationException($"the ledger refused the genesis block: {appended.Reason}");
        }

        var consenter = new KafkaConsenter(new KafkaConsenterOptions
        {
            BootstrapServers = bootstrap,
            Protocol = protocol,
            ReplicationFactor = (short)Math.Min(3, brokers),
            MinInsyncReplicas = Math.Min(2, brokers),
        });
        KafkaChain chain = consenter.TryHandleChain(store, network.Orderer, out string? error)
            ?? throw new InvalidOperationException($"no Kafka chain for {network.Config.ChannelId}: {error}");
        var channel = new StandardChannel(network.Config);
        var handler = new BroadcastHandler(id => string.Equals(id, channel.ChannelId, StringComparison.Ordinal) ? channel : null);
        chain.Start();
        return new InProcessTarget(handler, chain, store);
    }

    private static async Task<HarnessReport> MeasureAsync(HarnessOptions options, DateTimeOffset startedAt, TestNetwork network, IOrdererTarget target, string kafka)
    {
        var run = new LoadRun(network.Org1Client, network.Config.ChannelId, options.EnvelopeBytes);
        await WaitAcceptingAsync(target, network, TimeSpan.FromSeconds(90)).ConfigureAwait(false);
        Log($"channel {network.Config.ChannelId} is ordering");

        Log("measuring ECDSA P-256 verifies/s on one thread (3 s)");
        double verifies = VerifyProbe.VerifiesPerSecond(TimeSpan.FromSeconds(3));
        GC.Collect();
        double residentBefore = Mb(target.ResidentBytes());

        using var stopWatching = new CancellationTokenSource();
        Task watcher = Task.Run(() => run.WatchBlocksAsync(target.BlocksAsync(stopWatching.Token), stopWatching.Token), CancellationToken.None);
        using var stopClients = new CancellationTokenSource();
        Log($"{options.Clients} clients: {options.Warmup.TotalSeconds:0} s warm-up, then {options.Duration.TotalSeconds:0} s measured");
        Task clients = run.RunClientsAsync(options.Clients, target.NewClient, stopClients.Token);

        await Task.Delay(options.Warmup).ConfigureAwait(false);
        run.OpenWindow();
        var window = Stopwatch.StartNew();
        TimeSpan cpuBefore = target.CpuTime();
        TimeSpan harnessBefore = ProcessStats.ProcessCpu();
        int excluded = target.ChildProcessId ?? -1;
        TimeSpan kafkaBefore = ProcessStats.DescendantsCpu(excluded);
        var machineBefore = ProcessStats.MachineCpu();
        await Task.Delay(options.Duration).ConfigureAwait(false);
        run.CloseWindow();
        double seconds = window.Elapsed.TotalSeconds;
        TimeSpan cpuUsed = target.CpuTime() - cpuBefore;
        TimeSpan harnessUsed = ProcessStats.ProcessCpu() - harnessBefore;
        TimeSpan kafkaUsed = ProcessStats.DescendantsCpu(excluded) - kafkaBefore;
        var machineAfter = ProcessStats.MachineCpu();

        await stopClients.CancelAsync().ConfigureAwait(false);
        await clients.ConfigureAwait(false);
        if (!await run.DrainAsync(options.BatchTimeout + TimeSpan.FromSeconds(15)).ConfigureAwait(false))
        {
            Log("warning: some acknowledged envelopes were not seen in a block before the drain timeout");
        }

        await stopWatching.CancelAsync().ConfigureAwait(false);
        await watcher.ConfigureAwait(false);

        double? machineCores = machineBefore is { } mb && machineAfter is { } ma && ma.Total > mb.Total
            ? (double)(ma.Busy - mb.Busy) / (ma.Total - mb.Total) * Environment.ProcessorCount
            : null;
        long inBlocks = run.InBlocksInWindow;
        return new HarnessReport
        {
            StartedAt = startedAt,
            Path = target.Description,
            Kafka = kafka,
            Machine = Machine(),
            Clients = options.Clients,
            WindowSeconds = seconds,
            WarmupSeconds = options.Warmup.TotalSeconds,
            EnvelopeBytes = run.EnvelopeBytes,
            MaxMessageCount = options.MaxMessageCount,
            BatchTimeoutMs = options.BatchTimeout.TotalMilliseconds,
            EnvelopesSent = run.SentInWindow,
            EnvelopesAcked = run.AckedInWindow,
            EnvelopesRefused = run.Refused,
            EnvelopesInBlocks = inBlocks,
            BlocksWritten = run.BlocksInWindow,
            EnvelopesPerSecond = inBlocks / seconds,
            AckedPerSecond = run.AckedInWindow / seconds,
            CutLatency = run.CutLatency.Summarize(),
            EndToEndLatency = run.EndToEndLatency.Summarize(),
            WrittenBeforeAck = run.WrittenBeforeAck,
            SignMicroseconds = run.Stages.SignMicroseconds,
            ProcessMessageMicroseconds = run.Stages.ProcessMicroseconds,
            OrderWaitMicroseconds = run.Stages.OrderMicroseconds,
            PeakResidentMb = Mb(target.PeakResidentBytes()),
            ResidentBeforeLoadMb = residentBefore,
            ResidentAtEndMb = Mb(target.ResidentBytes()),
            ManagedHeapAtEndMb = target is InProcessTarget ? Mb(GC.GetTotalMemory(forceFullCollection: false)) : null,
            InProcess = target is InProcessTarget,
            ServerGc = target.ServerGc,
            ProcessCores = cpuUsed.TotalSeconds / seconds,
            HarnessCores = harnessUsed.TotalSeconds / seconds,
            KafkaCores = kafkaUsed.TotalSeconds / seconds,
            MachineBusyCores = machineCores,
            ProcessCpuMicrosecondsPerEnvelope = inBlocks == 0 ? 0 : cpuUsed.TotalMicroseconds / inBlocks,
            VerifiesPerSecondOneCore = verifies,
        };
    }

    /// <summary>Broadcasts until one envelope is accepted: the chain answers SERVICE_UNAVAILABLE until it reached Kafka.</summary>
    private static async Task WaitAcceptingAsync(IOrdererTarget target, TestNetwork network, TimeSpan timeout)
    {
        await using IBroadcastClient client = target.NewClient();
        var watch = Stopwatch.StartNew();
        while (!(await client.SendAsync(BenchEnvelopes.Signed(network.Org1Client, network.Config.ChannelId, 0, 8)).ConfigureAwait(false)).Accepted)
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"the orderer did not accept envelopes within {timeout}");
            }

            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    private static string Machine()
    {
        string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        return $"{Environment.ProcessorCount} CPUs, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, 1-min load {load} at the end";
    }

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
