using Fabricish.Testing.Infra;

namespace Fabricish.Orderer.Tests.Host;

/// <summary>What a Kafka-backed host test owns: the shared cluster (all brokers running when the test starts), a
/// scratch folder, and the nodes and other resources it started, disposed in reverse order.</summary>
internal sealed class KafkaHostScope(KafkaCluster cluster, string label) : IAsyncDisposable
{
    public KafkaCluster Cluster { get; } = cluster;

    public ScratchDirectory Scratch { get; } = new(label);

    public List<IAsyncDisposable> Owned { get; } = [];

    public Task StartAsync() => Cluster.EnsureAllBrokersRunningAsync();

    /// <summary>A node of this scope joined to <paramref name="channel"/> and healthy.</summary>
    public Task<TestOrdererHost> StartJoinedAsync(HostTestChannel channel) => HostSteps.StartJoinedAsync(channel, Cluster, Scratch, Owned);

    public async ValueTask DisposeAsync()
    {
        for (int i = Owned.Count - 1; i >= 0; i--)
        {
            await Owned[i].DisposeAsync();
        }

        Scratch.Dispose();
    }
}
