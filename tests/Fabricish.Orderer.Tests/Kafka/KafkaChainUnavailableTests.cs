using Fabricish.Orderer.Consensus;
using Fabricish.Orderer.Kafka;
using Fabricish.Protos.Common;
using Fabricish.Testing.Infra;

namespace Fabricish.Orderer.Tests.Kafka;

public sealed class KafkaChainUnavailableTests
{
    [Fact]
    public async Task Order_and_configure_answer_service_unavailable_instead_of_throwing_while_no_broker_is_reachable()
    {
        await using var channel = new KafkaTestChannel("kafka-unreachable", maxMessageCount: 10, TimeSpan.FromMilliseconds(300));
        int port = FreePorts.Take(1)[0];
        var consenter = new KafkaConsenter(new KafkaConsenterOptions
        {
            BootstrapServers = $"127.0.0.1:{port}",
            Protocol = KafkaProtocol.Legacy09,
            SendTimeout = TimeSpan.FromSeconds(2),
        });

        KafkaTestNode node = channel.StartNode(0, consenter);
        await Task.Delay(TimeSpan.FromSeconds(3));

        OrderResult ordered = await node.Chain.OrderAsync(channel.NewEnvelope(), 0);
        OrderResult configured = await node.Chain.ConfigureAsync(channel.NewEnvelope(), 0);

        Assert.Equal(Status.ServiceUnavailable, ordered.Status);
        Assert.Equal(Status.ServiceUnavailable, configured.Status);
        Assert.False(string.IsNullOrEmpty(ordered.Info));
        Assert.Equal(ChainHealth.Starting, node.Chain.Status.Health);
        Assert.Equal(1UL, node.Store.Height);
    }
}
