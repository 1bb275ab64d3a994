using Fabricish.Testing.Infra;
using Xunit;

namespace Fabricish.Testing.Fixtures;

/// <summary>xunit class or collection fixture: one 3-broker Kafka 0.9 cluster shared by the tests that use it.
/// Declare the collection in the test assembly:
/// <c>[CollectionDefinition(InfraCollections.Kafka)] public sealed class KafkaCollection : ICollectionFixture&lt;KafkaClusterFixture&gt;;</c></summary>
public sealed class KafkaClusterFixture : IAsyncLifetime
{
    private KafkaCluster? _cluster;

    public KafkaCluster Cluster => _cluster ?? throw new InvalidOperationException("the Kafka cluster is not started");

    public async Task InitializeAsync() => _cluster = await KafkaCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
