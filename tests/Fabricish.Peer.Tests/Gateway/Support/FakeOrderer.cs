using System.Collections.Concurrent;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing.Servers;
using Grpc.Core;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Peer.Tests.Gateway.Support;

/// <summary>An orderer node's Broadcast on a loopback port: records each envelope and answers the status the test
/// sets (SUCCESS by default); as Fabric's orderer, a stream ends after its first answer that is not SUCCESS.</summary>
internal sealed class FakeOrderer : IAsyncDisposable
{
    private LoopbackGrpcServer _server = null!;
    private int _streamsOpened;

    private FakeOrderer()
    {
    }

    public string Address => _server.Address;

    /// <summary>A client channel to this node.</summary>
    public Grpc.Net.Client.GrpcChannel Channel => _server.Channel;

    /// <summary>The answer's info for an envelope (empty on SUCCESS when unset).</summary>
    public Func<Envelope, string>? InfoOf { get; set; }

    /// <summary>True: envelopes are received and never answered (a stalled node).</summary>
    public bool Silent { get; set; }

    /// <summary>Broadcast streams clients opened.</summary>
    public int StreamsOpened => _streamsOpened;

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
            Interlocked.Increment(ref orderer._streamsOpened);
            try
            {
                while (await requestStream.MoveNext(context.CancellationToken))
                {
                    Envelope envelope = requestStream.Current;
                    orderer.Received.Enqueue(envelope);
                    if (orderer.Silent)
                    {
                        continue;
                    }

                    Status answer = orderer.Answer;
                    string info = orderer.InfoOf?.Invoke(envelope) ?? (answer == Status.Success ? string.Empty : "refused by test");
                    await responseStream.WriteAsync(new BroadcastResponse { Status = answer, Info = info });
                    if (answer != Status.Success)
                    {
                        orderer.StreamsReset.Enqueue(false);
                        return;
                    }
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
