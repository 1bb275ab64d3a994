using Fabricish.Testing.Infra;
using Xunit;

namespace Fabricish.Testing.Fixtures;

/// <summary>xunit class or collection fixture: one 3-broker Kafka 0.9 cluster shared by the tests that use it.
/// Declare the collection in the test assembly:
/// <c>[CollectionDefinition(InfraCollections.Kafka)] public sealed class KafkaCollection : ICollectionFixture&lt;KafkaClusterFixture&gt;;</c></summary>
public sealed class KafkaClusterFixture : IAsyncLifetime
{
    private KafkaCluster? cluster;

    public KafkaCluster Cluster => cluster ?? throw new InvalidOperationException("the Kafka cluster is not started");

    public async Task InitializeAsync() => cluster = await KafkaCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}
