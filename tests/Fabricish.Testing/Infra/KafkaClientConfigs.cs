using Confluent.Kafka;

namespace Fabricish.Testing.Infra;

/// <summary>Confluent.Kafka (librdkafka 2.x) settings for the two protocol generations the orderer must speak.</summary>
public static class KafkaClientConfigs
{
    /// <summary>Kafka 0.9 has no ApiVersions request: without these two keys librdkafka probes, waits and then
    /// guesses a protocol the broker may not speak.</summary>
    public static T ForKafka09<T>(T config)
        where T : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        config.ApiVersionRequest = false;
        config.BrokerVersionFallback = "0.9.0";
        return config;
    }

    /// <summary>acks=all without idempotence (0.9 has no producer ids), with one request in flight so retries
    /// cannot reorder messages, and retries until the message timeout so a leader change is ridden out.</summary>
    public static ProducerConfig Producer(string bootstrapServers, bool idempotent) => new()
    {
        BootstrapServers = bootstrapServers,
        Acks = Acks.All,
        EnableIdempotence = idempotent,
        MaxInFlight = idempotent ? 5 : 1,
        MessageSendMaxRetries = int.MaxValue,
        RetryBackoffMs = 200,
        MessageTimeoutMs = 60_000,
        LingerMs = 1,
        SocketTimeoutMs = 10_000,
        TopicMetadataRefreshIntervalMs = 5_000,
    };

    public static ConsumerConfig Consumer(string bootstrapServers, string groupId) => new()
    {
        BootstrapServers = bootstrapServers,
        GroupId = groupId,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        SocketTimeoutMs = 10_000,
        TopicMetadataRefreshIntervalMs = 5_000,
    };

    public static AdminClientConfig Admin(string bootstrapServers) => new()
    {
        BootstrapServers = bootstrapServers,
        SocketTimeoutMs = 10_000,
    };

    /// <summary>A librdkafka log handler for tests: writes to stderr like the default one, minus the warnings
    /// every 0.9-compatible client prints because api.version.request and broker.version.fallback are deprecated
    /// (librdkafka 3.x drops brokers older than 0.10).</summary>
    public static void LogToConsole(IClient client, LogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Facility == "CONFWARN" && message.Message.Contains("is deprecated", StringComparison.Ordinal))
        {
            return;
        }

        Console.Error.WriteLine($"rdkafka {message.Level} {message.Name} {message.Facility}: {message.Message}");
    }
}
