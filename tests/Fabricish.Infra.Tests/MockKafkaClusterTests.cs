using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;

namespace Fabricish.Infra.Tests;

public sealed class MockKafkaClusterTests(MockKafkaClusterFixture fixture) : IClassFixture<MockKafkaClusterFixture>
{
    [Fact]
    public void Mock_cluster_exposes_one_loopback_bootstrap_address_per_broker()
    {
        string[] servers = fixture.Cluster.BootstrapServers.Split(',');
        Assert.Equal(3, servers.Length);
        Assert.All(servers, s => Assert.Matches(@"^(127\.0\.0\.1|localhost):\d+$", s));
    }

    [Fact]
    public async Task Idempotent_acks_all_writes_to_partition_0_are_read_back_by_offset_over_the_current_protocol()
    {
        const string topic = "mock-roundtrip";
        string[] sent = KafkaRoundTrip.Values("k", 50);

        List<long> offsets = await KafkaRoundTrip.ProduceAsync(fixture.Cluster, topic, sent);

        Assert.Equal(Enumerable.Range(0, sent.Length).Select(i => (long)i), offsets);
        Assert.Equal(sent, KafkaRoundTrip.Consume(fixture.Cluster, topic, 0, sent.Length));
        Assert.Equal(sent[30..], KafkaRoundTrip.Consume(fixture.Cluster, topic, 30, sent.Length - 30));
    }
}
