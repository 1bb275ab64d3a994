using Fabricish.Orderer.Kafka;
using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;

namespace Fabricish.Orderer.Tests.Kafka;

/// <summary>Smoke test over librdkafka's mock cluster, which speaks the current protocol (idempotent producer).</summary>
public sealed class KafkaChainMockClusterTests(MockKafkaClusterFixture fixture) : IClassFixture<MockKafkaClusterFixture>
{
    [Fact]
    public async Task Chain_on_the_modern_protocol_orders_through_partition_0_into_full_and_timed_out_blocks()
    {
        await using var channel = new KafkaTestChannel("kafka-mock", maxMessageCount: 5, TimeSpan.FromMilliseconds(300));
        var consenter = new KafkaConsenter(new KafkaConsenterOptions { BootstrapServers = fixture.Cluster.BootstrapServers, Protocol = KafkaProtocol.Modern });
        KafkaTestNode node = channel.StartNode(0, consenter);
        await KafkaTestChannel.WaitAvailableAsync([node]);

        var sent = new List<string>();
        for (int i = 0; i < 12; i++)
        {
            var envelope = channel.NewEnvelope();
            Assert.True((await node.Chain.OrderAsync(envelope, 0)).IsSuccess);
            sent.Add(KafkaTestChannel.TxId(envelope));
        }

        await KafkaTestChannel.WaitForAllAsync([node], sent, TimeSpan.FromSeconds(30));
        var blocks = KafkaTestChannel.Blocks(node).Skip(1).ToList();
        Assert.Equal(sent, blocks.SelectMany(KafkaTestChannel.TxIds));
        Assert.Equal([5, 5, 2], blocks.Select(b => b.Data.Data.Count));
    }
}
