using System.Diagnostics;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Fabricish.Benchmarks.Network;

/// <summary>
/// Follows the orderer's Deliver stream and stamps each transaction with the time its block left the ordering service:
/// order latency ends here, commit latency starts here. Reads only each envelope's channel header (the transaction ID).
/// </summary>
public sealed class OrdererBlockWatcher(GrpcChannel orderer, SigningIdentity identity, string channel, TxTracker tracker)
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ulong? _next;
    private long _height;

    public Task Ready => _ready.Task;

    public string? LastError { get; private set; }

    /// <summary>The node's height as its stream last showed it: the number of the last block seen plus one (0 before any).</summary>
    public long Height => Volatile.Read(ref _height);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var client = new AtomicBroadcast.AtomicBroadcastClient(orderer);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using AsyncDuplexStreamingCall<Envelope, DeliverResponse> call = client.Deliver(cancellationToken: cancellationToken);
                await call.RequestStream.WriteAsync(DeliverSeek.Build(identity, channel, _next), cancellationToken).ConfigureAwait(false);
                while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    DeliverResponse response = call.ResponseStream.Current;
                    if (response.TypeCase == DeliverResponse.TypeOneofCase.Block)
                    {
                        Handle(response.Block);
                    }
                    else
                    {
                        LastError = $"the orderer ended the stream with status {response.Status}";
                        break;
                    }
                }
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                LastError = $"orderer: {e.Status.StatusCode} {e.Status.Detail}";
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Handle(Block block)
    {
        long now = Stopwatch.GetTimestamp();
        bool first = !_ready.Task.IsCompleted;
        foreach (ByteString data in block.Data?.Data ?? [])
        {
            try
            {
                Payload payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(data).Payload);
                string txid = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader).TxId;
                tracker.Ordered(txid, now);
            }
            catch (InvalidProtocolBufferException)
            {
                // Not a transaction the bench sent; peers mark it BAD_PAYLOAD.
            }
        }

        if (!first)
        {
            tracker.BlockOrdered(block.Data?.Data.Count ?? 0);
        }

        _next = block.Header.Number + 1;
        Volatile.Write(ref _height, (long)(block.Header.Number + 1));
        _ready.TrySetResult();
    }
}
