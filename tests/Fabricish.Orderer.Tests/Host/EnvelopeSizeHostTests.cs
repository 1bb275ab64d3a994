using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;
using Grpc.Core;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Orderer.Tests.Host;

/// <summary>Every layer between a Broadcast client and the block agrees with the channel's AbsoluteMaxBytes (here 5 MiB,
/// above gRPC's 4 MB and Kafka's 1 MB client defaults): what the channel allows is ordered over real Kafka 0.9, and
/// what it does not is refused by the size check with REQUEST_ENTITY_TOO_LARGE, never by a transport limit or as a
/// retryable SERVICE_UNAVAILABLE.</summary>
[Collection(InfraCollections.Kafka)]
public sealed class EnvelopeSizeHostTests(KafkaClusterFixture fixture) : IAsyncLifetime
{
    private const uint AbsoluteMaxBytes = 5 * 1024 * 1024;

    private readonly KafkaHostScope _host = new(fixture.Cluster, "orderer-size");

    public Task InitializeAsync() => _host.StartAsync();

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task A_2_MB_envelope_under_the_channels_limit_is_ordered_through_kafka_and_delivered_in_a_block()
    {
        using var channel = new HostTestChannel("size-ordered", absoluteMaxBytes: AbsoluteMaxBytes);
        TestOrdererHost node = await _host.StartJoinedAsync(channel);
        Envelope large = channel.NewEnvelope(payloadBytes: 2 * 1024 * 1024);

        BroadcastResponse response = (await node.BroadcastAsync(large)).Single();

        Assert.True(response.Status == Status.Success, $"{response.Status}: {response.Info}");
        List<Block> blocks = await HostSteps.BlocksAsync(node, channel, 1, b => b.SelectMany(HostTestChannel.TxIds).Contains(HostTestChannel.TxId(large)));
        Envelope ordered = Envelope.Parser.ParseFrom(blocks.SelectMany(b => b.Data.Data).Single());
        Assert.Equal(large, ordered);
    }

    [Fact]
    public async Task An_envelope_just_over_the_channels_limit_is_refused_REQUEST_ENTITY_TOO_LARGE_naming_both_sizes()
    {
        using var channel = new HostTestChannel("size-refused", absoluteMaxBytes: AbsoluteMaxBytes);
        TestOrdererHost node = await _host.StartJoinedAsync(channel);
        Envelope oversized = channel.NewEnvelope(payloadBytes: (int)AbsoluteMaxBytes);
        long size = oversized.Payload.Length + oversized.Signature.Length;

        List<BroadcastResponse> responses;
        try
        {
            responses = await node.BroadcastAsync(oversized);
        }
        catch (RpcException e)
        {
            Assert.Fail($"refused by the transport instead of the size check: {e.Status}");
            throw;
        }

        BroadcastResponse response = Assert.Single(responses);
        Assert.Equal(Status.RequestEntityTooLarge, response.Status);
        Assert.Equal($"message payload is {size} bytes and exceeds maximum allowed {AbsoluteMaxBytes} bytes", response.Info);
    }
}
