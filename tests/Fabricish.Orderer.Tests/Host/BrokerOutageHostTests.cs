using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;

namespace Fabricish.Orderer.Tests.Host;

/// <summary>The hosted orderer through a loss of the whole Kafka cluster.</summary>
[Collection(InfraCollections.Kafka)]
public sealed class BrokerOutageHostTests(KafkaClusterFixture fixture) : IAsyncLifetime
{
    private readonly KafkaHostScope _host = new(fixture.Cluster, "orderer-broker-outage");

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _host.Cluster.EnsureAllBrokersRunningAsync();
    }

    [Fact]
    public async Task After_every_broker_stops_and_starts_again_the_chain_recovers_by_itself_answering_unavailable_meanwhile_and_losing_no_acknowledged_envelope()
    {
        using var channel = new HostTestChannel("host-all-brokers");
        TestOrdererHost node = await _host.StartJoinedAsync(channel);
        var acknowledged = new List<string>();
        await BroadcastAcknowledgedAsync(node, channel, acknowledged, 6);

        for (int broker = 0; broker < _host.Cluster.BrokerCount - 1; broker++)
        {
            await _host.Cluster.StopBrokerAsync(broker);
        }

        // The last one cannot hand its leaderships to anyone; a graceful stop would only wait for that to fail.
        _host.Cluster.KillBroker(_host.Cluster.BrokerCount - 1);
        await HostSteps.WaitUntilAsync(async () => !await HostSteps.IsHealthyAsync(node), "/healthz to report the chain unavailable");
        BroadcastResponse duringOutage = (await node.BroadcastAsync(channel.NewEnvelope())).Single();

        // A killed broker stays registered until its ZooKeeper session expires, and may not come back before.
        await HostSteps.WaitUntilAsync(async () => (await _host.Cluster.ZooKeeper.RegisteredBrokerIdsAsync()).Count == 0, "ZooKeeper to forget the killed broker");

        await _host.Cluster.EnsureAllBrokersRunningAsync();
        BroadcastResponse? recovered = null;
        await HostSteps.WaitUntilAsync(
            async () =>
            {
                Envelope envelope = channel.NewEnvelope();
                recovered = (await node.BroadcastAsync(envelope)).Single();
                if (recovered.Status == Status.Success)
                {
                    acknowledged.Add(HostTestChannel.TxId(envelope));
                    return true;
                }

                await Task.Delay(400);
                return false;
            },
            "a broadcast to succeed after the brokers came back");
        await BroadcastAcknowledgedAsync(node, channel, acknowledged, 6);
        List<Block> blocks = await HostSteps.BlocksAsync(
            node, channel, 1, b => acknowledged.ToHashSet().IsSubsetOf(b.SelectMany(HostTestChannel.TxIds)));

        Assert.Equal(Status.ServiceUnavailable, duringOutage.Status);
        Assert.Equal(Status.Success, recovered!.Status);
        Assert.Equal(13, acknowledged.Count);
        Assert.Subset(blocks.SelectMany(HostTestChannel.TxIds).ToHashSet(), acknowledged.ToHashSet());
        Assert.Equal(Enumerable.Range(1, blocks.Count).Select(i => (ulong)i), blocks.Select(b => b.Header.Number));
    }

    private static async Task BroadcastAcknowledgedAsync(TestOrdererHost node, HostTestChannel channel, List<string> acknowledged, int count)
    {
        Envelope[] envelopes = [.. Enumerable.Range(0, count).Select(_ => channel.NewEnvelope())];
        List<BroadcastResponse> responses = await node.BroadcastAsync(envelopes);
        Assert.All(responses, r => Assert.Equal(Status.Success, r.Status));
        Assert.Equal(count, responses.Count);
        acknowledged.AddRange(envelopes.Select(HostTestChannel.TxId));
    }
}
