using System.Collections.Concurrent;
using Confluent.Kafka;
using Fabricish.Orderer.Consensus;
using Fabricish.Orderer.Kafka;
using Fabricish.Protos.Common;
using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;

namespace Fabricish.Orderer.Tests.Kafka;

/// <summary>Three orderer nodes of one channel over the real Kafka 0.9 cluster. Each test has its own topic
/// (auto-created by the brokers, replication 3, min.insync 2) and first brings every broker back.</summary>
[Collection(InfraCollections.Kafka)]
public sealed class KafkaChainClusterTests(KafkaClusterFixture fixture)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    private readonly KafkaCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task Three_orderers_fed_concurrently_write_identical_blocks_including_batches_cut_by_timeout()
    {
        await _cluster.EnsureAllBrokersRunningAsync();
        await using var channel = new KafkaTestChannel("kafka-identical", maxMessageCount: 10, TimeSpan.FromMilliseconds(300));
        KafkaConsenter consenter = Consenter();
        KafkaTestNode[] nodes = [.. Enumerable.Range(0, 3).Select(i => channel.StartNode(i, consenter))];
        await KafkaTestChannel.WaitAvailableAsync(nodes);

        // Three clients, each on its own orderer; a pause past the batch timeout mid-stream and a short tail
        // leave batches that only a time-to-cut can close.
        var acked = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(c => Task.Run(async () =>
        {
            for (int i = 0; i < 24; i++)
            {
                if (i == 12)
                {
                    await Task.Delay(700);
                }

                await OrderAsync(nodes[c].Chain, channel, acked);
            }
        })));
        await Task.Delay(700);
        await OrderAsync(nodes[0].Chain, channel, acked);
        await OrderAsync(nodes[1].Chain, channel, acked);

        Assert.Equal(74, acked.Count);
        await KafkaTestChannel.WaitForAllAsync(nodes, [.. acked], Settle);
        AssertIdentical(nodes);
        var blocks = KafkaTestChannel.Blocks(nodes[0]).Skip(1).ToList();
        Assert.Contains(blocks, b => b.Data.Data.Count < 10);
        Assert.Equal(2, blocks[^1].Data.Data.Count);
        long[] offsets = [.. blocks.Select(b => KafkaTestChannel.KafkaMetadataOf(b).LastOffsetPersisted)];
        Assert.Equal(offsets.Order(), offsets);
        Assert.Equal(offsets.Length, offsets.Distinct().Count());
    }

    [Fact]
    public async Task Orderer_restarted_mid_stream_resumes_after_its_last_block_with_no_gap_or_duplicate_and_ends_identical()
    {
        await _cluster.EnsureAllBrokersRunningAsync();
        await using var channel = new KafkaTestChannel("kafka-restart", maxMessageCount: 10, TimeSpan.FromMilliseconds(300));
        KafkaConsenter consenter = Consenter();
        KafkaTestNode[] nodes = [.. Enumerable.Range(0, 3).Select(i => channel.StartNode(i, consenter))];
        await KafkaTestChannel.WaitAvailableAsync(nodes);

        var acked = new ConcurrentBag<string>();
        for (int i = 0; i < 30; i++)
        {
            await OrderAsync(nodes[i % 3].Chain, channel, acked);
        }

        await KafkaTestChannel.WaitForAllAsync(nodes, [.. acked], Settle);
        ulong stoppedAt = nodes[2].Store.Height;
        await nodes[2].StopAsync();

        for (int i = 0; i < 35; i++)
        {
            await OrderAsync(nodes[i % 2].Chain, channel, acked);
        }

        KafkaTestNode restarted = channel.StartNode(2, consenter);
        KafkaTestNode[] live = [nodes[0], nodes[1], restarted];
        await KafkaTestChannel.WaitForAllAsync(live, [.. acked], Settle);

        AssertIdentical(live);
        Assert.True(restarted.Store.Height > stoppedAt + 3);
        var before = KafkaTestChannel.Blocks(restarted).Take((int)stoppedAt).Skip(1).SelectMany(KafkaTestChannel.TxIds).ToHashSet();
        Assert.DoesNotContain(KafkaTestChannel.TxIds(restarted.Store.GetBlock(stoppedAt)!), before.Contains);
        Assert.Equal(65, KafkaTestChannel.Blocks(restarted).Skip(1).SelectMany(KafkaTestChannel.TxIds).Distinct().Count());
    }

    [Fact]
    public async Task Killing_the_partition_leader_under_load_keeps_ordering_and_loses_no_acknowledged_envelope()
    {
        await _cluster.EnsureAllBrokersRunningAsync();
        const string topic = "kafka-broker-kill";
        await _cluster.CreateTopicAsync(topic, config: new Dictionary<string, string> { ["min.insync.replicas"] = "2" });
        await using var channel = new KafkaTestChannel(topic, maxMessageCount: 10, TimeSpan.FromMilliseconds(300));
        KafkaConsenter consenter = Consenter();
        KafkaTestNode[] nodes = [.. Enumerable.Range(0, 3).Select(i => channel.StartNode(i, consenter))];
        await KafkaTestChannel.WaitAvailableAsync(nodes);
        int leader = Leader(topic);

        var acked = new ConcurrentBag<string>();
        var ackedAfterKill = new ConcurrentBag<string>();
        int killed = 0;
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 2).Select(c => Task.Run(async () =>
            {
                for (int i = 0; i < 40; i++)
                {
                    if (c == 0 && i == 10)
                    {
                        _cluster.KillBroker(leader);
                        Volatile.Write(ref killed, 1);
                    }

                    bool afterKill = Volatile.Read(ref killed) == 1;
                    if (await OrderAsync(nodes[c].Chain, channel, acked) is { } tx && afterKill)
                    {
                        ackedAfterKill.Add(tx);
                    }

                    await Task.Delay(20);
                }
            })));

            Assert.NotEmpty(ackedAfterKill);
            await KafkaTestChannel.WaitForAllAsync(nodes, [.. acked], Settle);
            AssertIdentical(nodes);
        }
        finally
        {
            await _cluster.EnsureAllBrokersRunningAsync();
        }
    }

    private static async Task<string?> OrderAsync(KafkaChain chain, KafkaTestChannel channel, ConcurrentBag<string> acked)
    {
        Envelope envelope = channel.NewEnvelope();
        OrderResult result = await chain.OrderAsync(envelope, 0);
        if (!result.IsSuccess)
        {
            return null;
        }

        string tx = KafkaTestChannel.TxId(envelope);
        acked.Add(tx);
        return tx;
    }

    private static void AssertIdentical(IReadOnlyList<KafkaTestNode> nodes)
    {
        List<string> reference = KafkaTestChannel.HeaderHashes(nodes[0]);
        Assert.True(reference.Count > 2);
        foreach (KafkaTestNode node in nodes.Skip(1))
        {
            Assert.Equal(reference, KafkaTestChannel.HeaderHashes(node));
        }
    }

    private KafkaConsenter Consenter() => new(new KafkaConsenterOptions
    {
        BootstrapServers = _cluster.BootstrapServers,
        Protocol = KafkaProtocol.Legacy09,
    });

    private int Leader(string topic)
    {
        using IAdminClient admin = new AdminClientBuilder(_cluster.AdminClientConfig()).SetLogHandler((_, _) => { }).Build();
        return admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Single().Leader;
    }
}
