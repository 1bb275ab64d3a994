using Confluent.Kafka;

namespace Fabricish.Testing.Infra;

/// <summary>librdkafka's built-in mock cluster (current protocol versions, in this process), reached through the
/// loopback listeners it opens. A smoke test of the modern protocol only: it auto-creates topics with 4 partitions
/// and replication 3 (produce to partition 0 explicitly); AdminClient CreateTopics fails with "Failed while waiting
/// for controller", even from the handle that owns the mock; it stalls after a few thousand 1 KB messages.</summary>
public sealed class MockKafkaCluster : IKafkaEndpoint, IDisposable
{
    // The mock cluster lives exactly as long as the client handle that asked for it.
    private readonly IAdminClient _owner;

    private MockKafkaCluster(IAdminClient owner, string bootstrapServers, int brokerCount)
    {
        _owner = owner;
        BootstrapServers = bootstrapServers;
        BrokerCount = brokerCount;
    }

    public string BootstrapServers { get; }

    public int BrokerCount { get; }

    public static MockKafkaCluster Start(int brokerCount = 3)
    {
        var config = new AdminClientConfig();
        config.Set("test.mock.num.brokers", brokerCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        IAdminClient admin = new AdminClientBuilder(config).Build();
        try
        {
            Metadata metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
            if (metadata.Brokers.Count != brokerCount)
            {
                throw new InvalidOperationException($"mock cluster reported {metadata.Brokers.Count} brokers, not {brokerCount}");
            }

            string bootstrap = string.Join(',', metadata.Brokers.OrderBy(b => b.BrokerId).Select(b => $"{b.Host}:{b.Port}"));
            return new MockKafkaCluster(admin, bootstrap, brokerCount);
        }
        catch
        {
            admin.Dispose();
            throw;
        }
    }

    /// <summary>The mock speaks current protocols, so the producer may be idempotent, as against production Kafka.</summary>
    public ProducerConfig ProducerConfig() => KafkaClientConfigs.Producer(BootstrapServers, idempotent: true);

    public ConsumerConfig ConsumerConfig(string groupId) => KafkaClientConfigs.Consumer(BootstrapServers, groupId);

    public AdminClientConfig AdminClientConfig() => KafkaClientConfigs.Admin(BootstrapServers);

    public void Dispose() => _owner.Dispose();
}
