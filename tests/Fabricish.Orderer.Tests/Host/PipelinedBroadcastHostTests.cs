using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;

namespace Fabricish.Orderer.Tests.Host;

/// <summary>A Broadcast client that writes many envelopes before reading answers, against the hosted orderer.</summary>
[Collection(InfraCollections.Kafka)]
public sealed class PipelinedBroadcastHostTests(KafkaClusterFixture fixture) : IAsyncLifetime
{
    private readonly KafkaHostScope _host = new(fixture.Cluster, "orderer-pipelined");

    public Task InitializeAsync() => _host.StartAsync();

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task A_pipelined_stream_is_answered_in_order_up_to_its_first_refusal_and_nothing_after_the_refusal_is_ordered()
    {
        using var channel = new HostTestChannel("host-pipelined");
        TestOrdererHost node = await _host.StartJoinedAsync(channel);
        Envelope[] accepted = [.. Enumerable.Range(0, 4).Select(_ => channel.NewEnvelope())];
        Envelope notAWriter = TestEnvelopes.Signed(channel.Network.Org1Peer, channel.ChannelId);
        Envelope[] afterRefusal = [.. Enumerable.Range(0, 4).Select(_ => channel.NewEnvelope())];

        List<BroadcastResponse> responses = await HostSteps.BroadcastPipelinedAsync(node, [.. accepted, notAWriter, .. afterRefusal]);

        // Once a later stream's envelope is in a block, everything the first stream handed to Kafka is too.
        Envelope marker = channel.NewEnvelope();
        Assert.Equal(Status.Success, (await node.BroadcastAsync(marker)).Single().Status);
        List<Block> blocks = await HostSteps.BlocksAsync(
            node, channel, 1, b => b.SelectMany(HostTestChannel.TxIds).Contains(HostTestChannel.TxId(marker)));

        Assert.Equal([Status.Success, Status.Success, Status.Success, Status.Success, Status.Forbidden], responses.Select(r => r.Status));
        Assert.Equal([.. accepted.Select(HostTestChannel.TxId), HostTestChannel.TxId(marker)], blocks.SelectMany(HostTestChannel.TxIds));
    }
}
