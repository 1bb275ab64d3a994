using Confluent.Kafka;

namespace Fabricish.Orderer.Kafka;

/// <summary>librdkafka settings for a chain's producer, consumer and admin client, for either protocol generation. Message
/// sizes follow the channel (<see cref="KafkaMessageLimit"/>) instead of librdkafka's 1 MB defaults, which refused larger
/// envelopes the channel allows with SERVICE_UNAVAILABLE.</summary>
internal static class KafkaClientSettings
{
    private const int ReceiveMessageMaxBytesDefault = 100_000_000;

    public static ProducerConfig Producer(string bootstrapServers, KafkaConsenterOptions options, string channelId, int maxMessageBytes)
    {
        bool modern = options.Protocol == KafkaProtocol.Modern;
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = $"{options.ClientId}-{channelId}-producer",
            Acks = Acks.All,
            // 0.9 has no producer ids; there a single request in flight is what keeps retries from reordering
            // (a retried batch may still be written twice, which the chain tolerates).
            EnableIdempotence = modern,
            MaxInFlight = modern ? 5 : 1,
            MessageSendMaxRetries = int.MaxValue,
            RetryBackoffMs = 200,
            MessageTimeoutMs = (int)options.SendTimeout.TotalMilliseconds,
            MessageMaxBytes = maxMessageBytes,
            // Broadcasts arriving while a request is in flight travel together in the next one; the linger lets a
            // burst gather even when nothing is in flight. Each request also costs the leader a follower fetch per
            // replica and a consumer fetch per orderer: 10 ms instead of 2 took Kafka's CPU per transaction from 0.77 to
            // 0.49 ms in the network bench; 20 instead of 10 took the whole network's 2-4 % lower again (Kafka 10 %), with
            // two networks under the bench at once.
            LingerMs = options.ProducerLinger.TotalMilliseconds,
            BatchNumMessages = 10_000,
            // Each request is small and latency-bound: Nagle would hold it back waiting for the previous ACK.
            SocketNagleDisable = true,
            SocketTimeoutMs = 10_000,
            TopicMetadataRefreshIntervalMs = 5_000,
        };
        return Legacy(config, options);
    }

    public static ConsumerConfig Consumer(string bootstrapServers, KafkaConsenterOptions options, string channelId, int maxMessageBytes) => Legacy(
        new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = $"{options.ClientId}-{channelId}-consumer",
            // Only assigned partitions are read and nothing is committed: the resume offset is in the blocks.
            GroupId = $"{options.ClientId}-{channelId}",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            // A resume offset that no longer exists means the topic was lost or truncated: stop rather than skip.
            AutoOffsetReset = AutoOffsetReset.Error,
            // Under load a fetch then carries several envelopes: each produce request no longer costs the leader a
            // fetch answer per orderer, nor each orderer a wake-up (8 % less network CPU per transaction, with the
            // gateways' sticky orderer choice, in the network bench).
            FetchMinBytes = options.FetchMinBytes,
            FetchWaitMaxMs = (int)options.FetchWait.TotalMilliseconds,
            // One fetch can carry the largest message the channel allows (0.9's fetch has no "return an oversized first
            // message anyway" rule); librdkafka wants its receive buffer 512 bytes above the fetch size.
            MaxPartitionFetchBytes = maxMessageBytes,
            FetchMaxBytes = maxMessageBytes,
            ReceiveMessageMaxBytes = Math.Max(ReceiveMessageMaxBytesDefault, maxMessageBytes + 512),
            // librdkafka pre-fetches 100,000 messages or 64 MB per partition by default; the chain writes blocks as fast
            // as it reads, so a few thousand keep it busy while capping the orderer's resident memory. Past the cap
            // librdkafka pauses fetching for fetch.queue.backoff.ms (1 s by default): short, or blocks stall behind it.
            QueuedMinMessages = 10_000,
            QueuedMaxMessagesKbytes = 16 * 1024,
            FetchQueueBackoffMs = 10,
            SocketNagleDisable = true,
            SocketTimeoutMs = 10_000,
            TopicMetadataRefreshIntervalMs = 5_000,
        },
        options);

    public static AdminClientConfig Admin(string bootstrapServers, KafkaConsenterOptions options) => Legacy(
        new AdminClientConfig { BootstrapServers = bootstrapServers, ClientId = $"{options.ClientId}-admin", SocketTimeoutMs = 10_000 },
        options);

    /// <summary>0.9 cannot answer ApiVersions: without these librdkafka probes, times out, then guesses.</summary>
    private static T Legacy<T>(T config, KafkaConsenterOptions options)
        where T : ClientConfig
    {
        if (options.Protocol == KafkaProtocol.Legacy09)
        {
            config.ApiVersionRequest = false;
            config.BrokerVersionFallback = "0.9.0";
        }

        return config;
    }
}
