using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;

namespace Fabricish.Testing.Infra;

/// <summary>ZooKeeper 3.4.6 and N Apache Kafka 0.9.0.1 brokers on free loopback ports, data in a scratch folder,
/// with broker failure controls for ordering tests. Everything it starts dies with the test process.</summary>
public sealed class KafkaCluster : IKafkaEndpoint, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly ScratchDirectory _scratch;
    private readonly ZooKeeperServer _zooKeeper;
    private readonly KafkaBroker[] _brokers;

    private KafkaCluster(KafkaClusterOptions options, ScratchDirectory scratch, ZooKeeperServer zooKeeper, KafkaBroker[] brokers)
    {
        Options = options;
        _scratch = scratch;
        _zooKeeper = zooKeeper;
        _brokers = brokers;
    }

    public KafkaClusterOptions Options { get; }

    public int BrokerCount => _brokers.Length;

    public ZooKeeperServer ZooKeeper => _zooKeeper;

    public string ScratchPath => _scratch.FullPath;

    /// <summary>Every broker, so clients survive any one broker being down at bootstrap.</summary>
    public string BootstrapServers => string.Join(',', _brokers.Select(b => b.Endpoint));

    public static async Task<KafkaCluster> StartAsync(KafkaClusterOptions? options = null)
    {
        options ??= new KafkaClusterOptions();
        var scratch = new ScratchDirectory("kafka");
        ZooKeeperServer? zk = null;
        var brokers = new List<KafkaBroker>();
        try
        {
            int[] ports = FreePorts.Take(options.BrokerCount + 1);
            zk = await ZooKeeperServer.StartAsync(scratch.FullPath, ports[0]);
            for (int i = 0; i < options.BrokerCount; i++)
            {
                brokers.Add(new KafkaBroker(i, ports[i + 1], scratch.FullPath, zk.ConnectString, options));
            }

            // Started together: each JVM's start-up is mostly single-threaded, so two cores overlap them well.
            foreach (KafkaBroker b in brokers)
            {
                b.Start();
            }

            var cluster = new KafkaCluster(options, scratch, zk, [.. brokers]);
            await cluster.WaitForBrokersAsync(Enumerable.Range(0, options.BrokerCount));
            return cluster;
        }
        catch
        {
            foreach (KafkaBroker b in brokers)
            {
                b.Dispose();
            }

            if (zk is not null)
            {
                await zk.DisposeAsync();
            }

            scratch.Dispose();
            throw;
        }
    }

    public string BrokerEndpoint(int broker) => _brokers[broker].Endpoint;

    public bool IsBrokerRunning(int broker) => _brokers[broker].IsRunning;

    /// <summary>Graceful stop (SIGTERM): the broker hands its leaderships over (controlled shutdown) before exiting.</summary>
    public async Task StopBrokerAsync(int broker)
    {
        await _brokers[broker].StopAsync();
        await WaitForBrokersAsync(RunningIds());
    }

    /// <summary>SIGKILL: a crash. Its ZooKeeper session, and so its leaderships, linger for
    /// <see cref="KafkaClusterOptions.ZooKeeperSessionTimeoutMs"/>; wait with <see cref="WaitForBrokersAsync"/>.</summary>
    public void KillBroker(int broker) => _brokers[broker].Kill();

    /// <summary>Restarts a stopped or killed broker on its old port and data, waiting until it is registered.</summary>
    public async Task StartBrokerAsync(int broker)
    {
        _brokers[broker].Start();
        await WaitForBrokersAsync(RunningIds());
    }

    /// <summary>Brings every broker back, for a shared cluster after a failure test.</summary>
    public async Task EnsureAllBrokersRunningAsync()
    {
        foreach (KafkaBroker b in _brokers.Where(b => !b.IsRunning))
        {
            b.Start();
        }

        await WaitForBrokersAsync(RunningIds());
    }

    /// <summary>Waits until exactly <paramref name="ids"/> are registered in ZooKeeper and the brokers' metadata
    /// lists them all, i.e. the controller has told the cluster about them.</summary>
    public async Task WaitForBrokersAsync(IEnumerable<int> ids)
    {
        var want = ids.ToHashSet();
        SupervisedProcess[] watched = [_zooKeeper.Process, .. want.Select(i => _brokers[i].Process!)];
        string what = $"brokers [{string.Join(',', want.Order())}] to be registered";
        await Readiness.WaitAsync(what, async () => (await _zooKeeper.RegisteredBrokerIdsAsync()).SetEquals(want), StartTimeout, watched);
        string bootstrap = string.Join(',', want.Select(i => _brokers[i].Endpoint));
        using IAdminClient admin = new AdminClientBuilder(KafkaClientConfigs.ForKafka09(KafkaClientConfigs.Admin(bootstrap))).SetLogHandler(KafkaClientConfigs.LogToConsole).Build();
        await Readiness.WaitAsync(
            what + " in metadata",
            () => Task.Run(() => admin.GetMetadata(TimeSpan.FromSeconds(5)).Brokers.Select(b => b.BrokerId).ToHashSet().SetEquals(want)),
            StartTimeout,
            watched);
    }

    /// <summary>Creates a topic through ZooKeeper with kafka.admin.TopicCommand, the only way on 0.9 to choose
    /// its partitions and replication, then waits until every partition has a leader and a full ISR.</summary>
    public async Task CreateTopicAsync(string topic, int partitions = 1, int? replicationFactor = null, IReadOnlyDictionary<string, string>? config = null)
    {
        int rf = replicationFactor ?? Options.ReplicationFactor;
        var args = new List<string>
        {
            "--zookeeper", _zooKeeper.ConnectString, "--create", "--topic", topic,
            "--partitions", partitions.ToString(CultureInfo.InvariantCulture),
            "--replication-factor", rf.ToString(CultureInfo.InvariantCulture),
        };
        foreach (KeyValuePair<string, string> kv in config ?? new Dictionary<string, string>())
        {
            args.Add("--config");
            args.Add($"{kv.Key}={kv.Value}");
        }

        var psi = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in JavaCommand.Args(_scratch.FullPath, 64, "kafka.admin.TopicCommand", [.. args]))
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start java");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"kafka.admin.TopicCommand --create {topic} did not finish in time");
            }
        }

        string output = await stdout + await stderr;
        // TopicCommand exits 0 even when it fails, so success is read from what it prints.
        if (process.ExitCode != 0 || !output.Contains("Created topic", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"creating topic {topic} failed (exit {process.ExitCode}):\n{output}");
        }

        await WaitForTopicAsync(topic, partitions, rf);
    }

    /// <summary>Waits until <paramref name="topic"/> has <paramref name="partitions"/> partitions, each with a
    /// leader and at least <paramref name="minIsr"/> in-sync replicas.</summary>
    public async Task WaitForTopicAsync(string topic, int partitions = 1, int minIsr = 1)
    {
        using IAdminClient admin = new AdminClientBuilder(AdminClientConfig()).SetLogHandler(KafkaClientConfigs.LogToConsole).Build();
        await Readiness.WaitAsync(
            $"topic {topic} to have {partitions} led partition(s) with ISR >= {minIsr}",
            () => Task.Run(() =>
            {
                TopicMetadata? t = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.SingleOrDefault(t => t.Topic == topic);
                return t is not null && t.Error.Code == ErrorCode.NoError && t.Partitions.Count == partitions
                    && t.Partitions.All(p => p.Leader >= 0 && p.InSyncReplicas.Length >= minIsr);
            }),
            StartTimeout,
            _zooKeeper.Process);
    }

    public ProducerConfig ProducerConfig() => KafkaClientConfigs.ForKafka09(KafkaClientConfigs.Producer(BootstrapServers, idempotent: false));

    public ConsumerConfig ConsumerConfig(string groupId) => KafkaClientConfigs.ForKafka09(KafkaClientConfigs.Consumer(BootstrapServers, groupId));

    public AdminClientConfig AdminClientConfig() => KafkaClientConfigs.ForKafka09(KafkaClientConfigs.Admin(BootstrapServers));

    public async ValueTask DisposeAsync()
    {
        // SIGKILL rather than controlled shutdown: the data is thrown away, and a last broker's controlled
        // shutdown retries for a while when its peers are already gone.
        foreach (KafkaBroker b in _brokers)
        {
            b.Dispose();
        }

        await _zooKeeper.DisposeAsync();
        _scratch.Dispose();
    }

    private int[] RunningIds() => [.. _brokers.Where(b => b.IsRunning).Select(b => b.Id)];
}
