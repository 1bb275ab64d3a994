using System.Globalization;
using System.Text;

namespace Fabricish.Testing.Infra;

/// <summary>One Kafka 0.9.0.1 broker of a <see cref="KafkaCluster"/>: its fixed port, data folder and
/// server.properties survive restarts, so a restarted broker rejoins with its log.</summary>
internal sealed class KafkaBroker : IDisposable
{
    private readonly string _scratch;
    private readonly string _propertiesPath;
    private readonly int _heapMb;
    private SupervisedProcess? _process;

    public KafkaBroker(int id, int port, string scratch, string zooKeeper, KafkaClusterOptions options)
    {
        Id = id;
        Port = port;
        _scratch = scratch;
        _heapMb = options.BrokerHeapMb;
        string logDir = Directory.CreateDirectory(Path.Combine(scratch, $"broker-{id}")).FullName;
        _propertiesPath = Path.Combine(scratch, $"broker-{id}.properties");
        File.WriteAllText(_propertiesPath, Properties(id, port, logDir, zooKeeper, options));
    }

    public int Id { get; }

    public int Port { get; }

    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public bool IsRunning => _process is { HasExited: false };

    public SupervisedProcess? Process => _process;

    public void Start()
    {
        if (IsRunning)
        {
            return;
        }

        _process?.Dispose();
        _process = SupervisedProcess.Start(
            $"kafka-broker-{Id}",
            Path.Combine(_scratch, $"broker-{Id}.log"),
            "java",
            JavaCommand.Args(_scratch, _heapMb, "kafka.Kafka", _propertiesPath));
    }

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(30));
        }
    }

    public void Kill() => _process?.Kill();

    public void Dispose() => _process?.Dispose();

    private static string Properties(int id, int port, string logDir, string zooKeeper, KafkaClusterOptions o)
    {
        var p = new Dictionary<string, string>
        {
            ["broker.id"] = id.ToString(CultureInfo.InvariantCulture),
            ["listeners"] = string.Create(CultureInfo.InvariantCulture, $"PLAINTEXT://127.0.0.1:{port}"),
            ["log.dirs"] = logDir,
            ["zookeeper.connect"] = zooKeeper,
            ["zookeeper.session.timeout.ms"] = o.ZooKeeperSessionTimeoutMs.ToString(CultureInfo.InvariantCulture),
            ["zookeeper.connection.timeout.ms"] = "15000",
            ["auto.create.topics.enable"] = o.AutoCreateTopics ? "true" : "false",
            ["num.partitions"] = "1",
            ["default.replication.factor"] = o.ReplicationFactor.ToString(CultureInfo.InvariantCulture),
            ["min.insync.replicas"] = o.MinInsync.ToString(CultureInfo.InvariantCulture),
            ["unclean.leader.election.enable"] = "false",
            ["auto.leader.rebalance.enable"] = "false",
            ["delete.topic.enable"] = "true",
            ["log.retention.ms"] = "-1",
            ["message.max.bytes"] = o.MaxMessageBytes.ToString(CultureInfo.InvariantCulture),
            ["replica.fetch.max.bytes"] = o.MaxMessageBytes.ToString(CultureInfo.InvariantCulture),
            ["log.flush.interval.messages"] = o.FsyncEveryMessage ? "1" : "9223372036854775807",
            ["controlled.shutdown.enable"] = "true",
            ["controlled.shutdown.max.retries"] = "2",
            ["controlled.shutdown.retry.backoff.ms"] = "500",
            ["replica.lag.time.max.ms"] = "5000",
            ["replica.fetch.wait.max.ms"] = "100",
            ["offsets.topic.num.partitions"] = "1",
            ["offsets.topic.replication.factor"] = o.ReplicationFactor.ToString(CultureInfo.InvariantCulture),
            // The default 128 MB dedupe buffer alone exceeds the small heap.
            ["log.cleaner.dedupe.buffer.size"] = "4194304",
            ["log.cleaner.threads"] = "1",
            ["num.network.threads"] = "2",
            ["num.io.threads"] = "2",
            ["background.threads"] = "2",
            ["num.recovery.threads.per.data.dir"] = "1",
            ["num.replica.fetchers"] = "1",
        };
        foreach (KeyValuePair<string, string> kv in o.ExtraBrokerProperties)
        {
            p[kv.Key] = kv.Value;
        }

        var sb = new StringBuilder();
        foreach (KeyValuePair<string, string> kv in p)
        {
            sb.Append(kv.Key).Append('=').Append(kv.Value).Append('\n');
        }

        return sb.ToString();
    }
}
