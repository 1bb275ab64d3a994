namespace Fabricish.Orderer.Kafka;

/// <summary>The orderer's local Kafka settings (Fabric's <c>Kafka</c> section of orderer.yaml), shared by every
/// channel's chain. The brokers come from here when set, otherwise from the channel's /Channel/Orderer/KafkaBrokers.</summary>
public sealed record KafkaConsenterOptions
{
    /// <summary>The defaults the orderer's own settings (<c>Orderer:Kafka*</c>) start from too.</summary>
    public static readonly TimeSpan DefaultProducerLinger = TimeSpan.FromMilliseconds(20);

    public const int DefaultFetchMinBytes = 16 * 1024;

    public static readonly TimeSpan DefaultFetchWait = TimeSpan.FromMilliseconds(25);

    /// <summary>Comma-separated host:port list; null to use the channel configuration's brokers.</summary>
    public string? BootstrapServers { get; init; }

    public KafkaProtocol Protocol { get; init; } = KafkaProtocol.Modern;

    /// <summary>Replication of a topic this orderer creates (modern protocol only), capped by the broker count.</summary>
    public short ReplicationFactor { get; init; } = 3;

    /// <summary>min.insync.replicas of a topic this orderer creates; with acks=all, a message is acknowledged
    /// only once this many replicas have it, so one broker may die without losing an acknowledged message.</summary>
    public int MinInsyncReplicas { get; init; } = 2;

    /// <summary>How long a post may wait for Kafka (leader elections included) before it counts as failed
    /// (librdkafka's message.timeout.ms).</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First and largest delay between attempts to reach Kafka (Fabric's Retry short/long intervals).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>librdkafka's linger.ms: how long a post waits for others to share its produce request.</summary>
    public TimeSpan ProducerLinger { get; init; } = DefaultProducerLinger;

    /// <summary>librdkafka's fetch.min.bytes: how much a consumer fetch waits for on the broker, at most
    /// <see cref="FetchWait"/>.</summary>
    public int FetchMinBytes { get; init; } = DefaultFetchMinBytes;

    /// <summary>librdkafka's fetch.wait.max.ms: how long a consumer fetch may wait on the broker for
    /// <see cref="FetchMinBytes"/>; bounds the ordering latency it adds.</summary>
    public TimeSpan FetchWait { get; init; } = DefaultFetchWait;

    /// <summary>Prefix of librdkafka client ids and the consumer group id (never committed to: offsets live in blocks).</summary>
    public string ClientId { get; init; } = "fabricish-orderer";
}
