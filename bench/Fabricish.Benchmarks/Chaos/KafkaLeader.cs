using Confluent.Kafka;

namespace Fabricish.Benchmarks.Chaos;

/// <summary>The broker that leads the channel's partition right now, from Kafka's own metadata (spoken as 0.9 brokers
/// understand it: no ApiVersions request).</summary>
public static class KafkaLeader
{
    public static Task<string> FindAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string brokers = string.Join(',', context.Network.Components.Where(c => c.Name.StartsWith("kafka", StringComparison.Ordinal)).Select(c => c.Address));
        string topic = context.Network.Layout.Channel;
        return Task.Run(
            () =>
            {
                var config = new AdminClientConfig
                {
                    BootstrapServers = brokers,
                    ApiVersionRequest = false,
                    BrokerVersionFallback = "0.9.0",
                };
                using IAdminClient admin = new AdminClientBuilder(config).Build();
                Metadata metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(15));
                int leader = metadata.Topics.SingleOrDefault(t => t.Topic == topic)?.Partitions.SingleOrDefault(p => p.PartitionId == 0)?.Leader ?? -1;
                return leader >= 0
                    ? $"kafka{leader}"
                    : throw new InvalidOperationException($"Kafka ({brokers}) names no leader for {topic}/0");
            },
            cancellationToken);
    }
}
