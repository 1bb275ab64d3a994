using Confluent.Kafka;
using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;

namespace Fabricish.Infra.Tests;

/// <summary>Smoke tests of the real Kafka 0.9.0.1 cluster fixture. Failure tests bring every broker back first,
/// as the class shares one cluster.</summary>
[Collection(InfraCollections.Kafka)]
public sealed class Kafka09ClusterTests(KafkaClusterFixture fixture)
{
    private readonly KafkaCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task Acks_all_producer_writes_are_read_back_in_order_from_partition_0_by_offset()
    {
        await _cluster.EnsureAllBrokersRunningAsync();
        const string topic = "smoke-roundtrip";
        await _cluster.CreateTopicAsync(topic, partitions: 1, replicationFactor: 3);

        string[] sent = KafkaRoundTrip.Values("m", 50);
        List<long> offsets = await KafkaRoundTrip.ProduceAsync(_cluster, topic, sent);

        Assert.Equal(Enumerable.Range(0, sent.Length).Select(i => (long)i), offsets);
        Assert.Equal(sent, KafkaRoundTrip.Consume(_cluster, topic, 0, sent.Length));
        // Reading from the middle proves offsets address messages, as the orderer's resume-from-offset needs.
        Assert.Equal(sent[20..], KafkaRoundTrip.Consume(_cluster, topic, 20, sent.Length - 20));
    }

    [Fact]
    public async Task Topic_created_through_zookeeper_has_one_partition_replicated_on_every_broker()
    {
        await _cluster.EnsureAllBrokersRunningAsync();
        const string topic = "smoke-layout";
        await _cluster.CreateTopicAsync(topic);

        PartitionMetadata p = Partition0(topic);
        Assert.Equal(3, p.Replicas.Length);
        Assert.Equal(3, p.InSyncReplicas.Length);
    }

    [Fact]
    public async Task Producing_to_an_unknown_topic_auto_creates_it_with_one_partition_and_replication_3()
    {
        await _cluster.EnsureAllBrokersRunningAsync();
        const string topic = "smoke-autocreated";

        await KafkaRoundTrip.ProduceAsync(_cluster, topic, ["first"]);

        await _cluster.WaitForTopicAsync(topic, partitions: 1, minIsr: 3);
        Assert.Equal(3, Partition0(topic).Replicas.Length);
        Assert.Equal(["first"], KafkaRoundTrip.Consume(_cluster, topic, 0, 1));
    }

    [Fact]
    public async Task No_acknowledged_message_is_lost_when_the_partition_leader_is_killed_with_messages_in_flight()
    {
        await _cluster.EnsureAllBrokersRunningAsync();
        const string topic = "smoke-failover";
        await _cluster.CreateTopicAsync(topic, config: new Dictionary<string, string> { ["min.insync.replicas"] = "2" });
        int leader = Partition0(topic).Leader;
        string[] values = KafkaRoundTrip.Values("f", 200);

        var acknowledged = new List<string>();
        using (IProducer<Null, string> producer = KafkaRoundTrip.Producer(_cluster))
        {
            var partition = new TopicPartition(topic, new Partition(0));
            void Send(string v) => producer.Produce(partition, new Message<Null, string> { Value = v }, r =>
            {
                if (r.Error.Code == ErrorCode.NoError && r.Status == PersistenceStatus.Persisted)
                {
                    lock (acknowledged)
                    {
                        acknowledged.Add(r.Message.Value);
                    }
                }
            });

            foreach (string v in values[..50])
            {
                Send(v);
            }

            producer.Flush(TimeSpan.FromSeconds(30));

            // The rest is sent at a steady pace across the kill, so some requests are in flight to the dying
            // leader and the producer must ride out the election that follows its session expiry.
            for (int i = 50; i < values.Length; i++)
            {
                if (i == 60)
                {
                    _cluster.KillBroker(leader);
                }

                Send(values[i]);
                await Task.Delay(5);
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(90)));
        }

        Assert.Equal(values, acknowledged);
        Assert.NotEqual(leader, Partition0(topic).Leader);
        // Retries without idempotence (0.9 has none) may duplicate a batch whose ack was lost, never lose or
        // reorder one: the first occurrences in the log are exactly what was acknowledged, in order.
        List<string> log = KafkaRoundTrip.ConsumeAll(_cluster, topic);
        Assert.Equal(acknowledged, log.Distinct());

        // The killed broker rejoins and catches up.
        await _cluster.StartBrokerAsync(leader);
        await _cluster.WaitForTopicAsync(topic, partitions: 1, minIsr: 3);
    }

    [Fact]
    public async Task Graceful_stop_of_the_leader_hands_leadership_over_and_the_topic_stays_writable()
    {
        await _cluster.EnsureAllBrokersRunningAsync();
        const string topic = "smoke-controlled-shutdown";
        await _cluster.CreateTopicAsync(topic);
        await KafkaRoundTrip.ProduceAsync(_cluster, topic, ["before"]);
        int leader = Partition0(topic).Leader;

        await _cluster.StopBrokerAsync(leader);

        Assert.False(_cluster.IsBrokerRunning(leader));
        PartitionMetadata after = Partition0(topic);
        Assert.NotEqual(leader, after.Leader);
        Assert.DoesNotContain(leader, after.InSyncReplicas);
        await KafkaRoundTrip.ProduceAsync(_cluster, topic, ["after"]);
        Assert.Equal(["before", "after"], KafkaRoundTrip.Consume(_cluster, topic, 0, 2));
    }

    private PartitionMetadata Partition0(string topic)
    {
        using IAdminClient admin = new AdminClientBuilder(_cluster.AdminClientConfig()).SetLogHandler(KafkaClientConfigs.LogToConsole).Build();
        return admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Single();
    }
}
