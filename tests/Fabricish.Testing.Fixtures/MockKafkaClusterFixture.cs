using Fabricish.Testing.Infra;

namespace Fabricish.Testing.Fixtures;

/// <summary>xunit class or collection fixture owning one librdkafka mock cluster of 3 brokers.</summary>
public sealed class MockKafkaClusterFixture : IDisposable
{
    public MockKafkaCluster Cluster { get; } = MockKafkaCluster.Start();

    public void Dispose() => Cluster.Dispose();
}
