using System.Collections.Concurrent;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing.Servers;
using Grpc.Core;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Peer.Tests.Gateway.Support;

/// <summary>An orderer node's Broadcast on a loopback port: records each envelope and answers the status the test
/// sets (SUCCESS by default).</summary>
internal sealed class FakeOrderer : IAsyncDisposable
{
    private LoopbackGrpcServer _server = null!;

    private FakeOrderer()
    {
    }

    public string Address => _server.Address;

    public Status Answer { get; set; } = Status.Success;

    public ConcurrentQueue<Envelope> Received { get; } = new();

    /// <summary>How long the node takes to end a stream after the client closed its side (a busy orderer's handler
    /// finishing its loop), during which a client that drops the call resets the stream.</summary>
    public TimeSpan EndDelay { get; set; }

    /// <summary>One entry per finished stream: true when the client reset it instead of waiting for its end.</summary>
    public ConcurrentQueue<bool> StreamsReset { get; } = new();

    public static async Task<FakeOrderer> StartAsync()
    {
        var orderer = new FakeOrderer();
        orderer._server = await LoopbackGrpcServer.StartAsync(new Service(orderer));
        return orderer;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    internal sealed class Service(FakeOrderer orderer) : AtomicBroadcast.AtomicBroadcastBase
    {
        public override async Task Broadcast(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<BroadcastResponse> responseStream, ServerCallContext context)
        {
            try
            {
                while (await requestStream.MoveNext(context.CancellationToken))
                {
                    orderer.Received.Enqueue(requestStream.Current);
                    await responseStream.WriteAsync(new BroadcastResponse { Status = orderer.Answer, Info = orderer.Answer == Status.Success ? string.Empty : "refused by test" });
                }

                await Task.Delay(orderer.EndDelay, context.CancellationToken);
                orderer.StreamsReset.Enqueue(false);
            }
            catch (Exception) when (context.CancellationToken.IsCancellationRequested)
            {
                orderer.StreamsReset.Enqueue(true);
                throw;
            }
        }
    }
}
