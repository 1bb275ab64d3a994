using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Fabricish.Testing.Servers;
using Grpc.Core;
using Grpc.Net.Client;

namespace Fabricish.Orderer.Tests.Host;

/// <summary>Bytes that are no Envelope, sent to the orderer's streams over a real gRPC channel, end the stream with
/// INVALID_ARGUMENT naming the message type; an Envelope that parses keeps Fabric's in-band statuses (BAD_REQUEST
/// for a payload that does not parse), as <see cref="OrdererHostTests"/> shows.</summary>
public sealed class UnparsableRequestHostTests : IAsyncLifetime
{
    /// <summary>Field 31 with wire type 7: no protobuf message parses from it.</summary>
    private static readonly byte[] Garbage = [0xFF, 0xFF, 0xFF];

    private readonly TestNetwork _network = new();
    private readonly ScratchDirectory _scratch = new("orderer-unparsable");
    private TestOrdererHost _node = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        // No channel is joined, so the node never dials the (absent) Kafka brokers.
        _node = new TestOrdererHost(_scratch.FullPath, _network.Orderer, "127.0.0.1:9");
        await _node.StartAsync();
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_node.GrpcPort}");
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _node.DisposeAsync();
        _scratch.Dispose();
        _network.Dispose();
    }

    [Theory]
    [InlineData("Broadcast")]
    [InlineData("Deliver")]
    public async Task A_stream_message_that_does_not_parse_is_an_invalid_argument_naming_its_message_type(string method)
    {
        var client = new RawGrpcClient(_channel.CreateCallInvoker());

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => client.CallAsync(MethodType.DuplexStreaming, "orderer.AtomicBroadcast", method, Garbage));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("not a valid common.Envelope message", e.Status.Detail, StringComparison.Ordinal);
    }
}
