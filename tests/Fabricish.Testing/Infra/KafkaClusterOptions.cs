namespace Fabricish.Testing.Infra;

/// <summary>How a <see cref="KafkaCluster"/> is laid out. The defaults follow Fabric's advice for a Kafka-based
/// ordering service: replication 3, min.insync 2, no unclean leader election, retention forever.</summary>
public sealed record KafkaClusterOptions
{
    public int BrokerCount { get; init; } = 3;

    /// <summary>Whether a metadata request for an unknown topic creates it (one partition, the default replication
    /// factor): the only way a Kafka 0.9 client can make a topic, as 0.9 has no CreateTopics API.</summary>
    public bool AutoCreateTopics { get; init; } = true;

    /// <summary>Replication of auto-created topics; by default min(3, brokers).</summary>
    public int? DefaultReplicationFactor { get; init; }

    /// <summary>Broker-wide min.insync.replicas; by default min(2, brokers), so one broker may fail without a
    /// producer using acks=all losing availability or an acknowledged message.</summary>
    public int? MinInsyncReplicas { get; init; }

    /// <summary>fsync after every message instead of leaving it to replication and the page cache. Off by default:
    /// a killed broker process loses nothing from the page cache, and fsyncs slow a shared 2-core machine.</summary>
    public bool FsyncEveryMessage { get; init; }

    /// <summary>message.max.bytes and replica.fetch.max.bytes: the sample channel's AbsoluteMaxBytes (10 MB) plus the
    /// 1 MiB Fabric's Kafka guide asks for, as tools/network/lib/infra.sh sets them.</summary>
    public int MaxMessageBytes { get; init; } = 11 * 1024 * 1024;

    public int BrokerHeapMb { get; init; } = 192;

    /// <summary>ZooKeeper session timeout of each broker: how long a killed broker stays "alive" before the
    /// controller moves its leaderships.</summary>
    public int ZooKeeperSessionTimeoutMs { get; init; } = 4000;

    /// <summary>Further server.properties lines, applied last.</summary>
    public IReadOnlyDictionary<string, string> ExtraBrokerProperties { get; init; } = new Dictionary<string, string>();

    internal int ReplicationFactor => DefaultReplicationFactor ?? Math.Min(3, BrokerCount);

    internal int MinInsync => MinInsyncReplicas ?? Math.Min(2, BrokerCount);
}
