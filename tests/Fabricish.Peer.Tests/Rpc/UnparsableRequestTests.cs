using Fabricish.Peer.Endorsing;
using Fabricish.Peer.Events;
using Fabricish.Peer.Gateway;
using Fabricish.Peer.Tests.Events.Support;
using Fabricish.Testing.Servers;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Fabricish.Peer.Tests.Rpc;

/// <summary>Bytes that are no protobuf message, sent to each of the peer's RPCs over a real gRPC channel, are refused
/// as INVALID_ARGUMENT naming the message type that did not parse.</summary>
public sealed class UnparsableRequestTests : IAsyncLifetime
{
    /// <summary>Field 31 with wire type 7: no protobuf message parses from it.</summary>
    private static readonly byte[] Garbage = [0xFF, 0xFF, 0xFF];

    private readonly TestPeerLedger _ledger = new();
    private LoopbackGrpcServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackGrpcServer.StartAsync(
        builder => builder.Services.AddSingleton<Channels.IPeerChannels>(new TestPeerChannels(_ledger)).AddEvents(),
        app =>
        {
            app.MapEvents();
            // Requests are parsed before a service is created, so these need none of their dependencies here.
            app.MapGrpcService<EndorserService>();
            app.MapGrpcService<GatewayService>();
        });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _ledger.Dispose();
    }

    [Theory]
    [InlineData(MethodType.Unary, "protos.Endorser", "ProcessProposal", "protos.SignedProposal")]
    [InlineData(MethodType.DuplexStreaming, "protos.Deliver", "Deliver", "common.Envelope")]
    [InlineData(MethodType.DuplexStreaming, "protos.Deliver", "DeliverFiltered", "common.Envelope")]
    [InlineData(MethodType.DuplexStreaming, "protos.Deliver", "DeliverWithPrivateData", "common.Envelope")]
    [InlineData(MethodType.Unary, "gateway.Gateway", "Evaluate", "gateway.EvaluateRequest")]
    [InlineData(MethodType.Unary, "gateway.Gateway", "Endorse", "gateway.EndorseRequest")]
    [InlineData(MethodType.Unary, "gateway.Gateway", "Submit", "gateway.SubmitRequest")]
    [InlineData(MethodType.Unary, "gateway.Gateway", "CommitStatus", "gateway.SignedCommitStatusRequest")]
    [InlineData(MethodType.ServerStreaming, "gateway.Gateway", "ChaincodeEvents", "gateway.SignedChaincodeEventsRequest")]
    public async Task A_request_that_does_not_parse_is_an_invalid_argument_naming_its_message_type(MethodType type, string service, string method, string message)
    {
        var client = new RawGrpcClient(_server.Channel.CreateCallInvoker());

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => client.CallAsync(type, service, method, Garbage));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains($"not a valid {message} message", e.Status.Detail, StringComparison.Ordinal);
    }
}
