using Fabricish.Hosting.Rpc;
using Fabricish.Orderer.Broadcast;
using Fabricish.Orderer.Deliver;
using Fabricish.Orderer.Host;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fabricish.Orderer.Services;

/// <summary>Fabric's <c>orderer.AtomicBroadcast</c> gRPC service; the stream handlers decide, this only adapts.
/// Streams end when the node stops, so shutdown does not wait on idle clients.</summary>
internal sealed class AtomicBroadcastService(
    BroadcastStreamHandler broadcast,
    DeliverHandler deliver,
    IHostApplicationLifetime lifetime,
    ILogger<AtomicBroadcastService> logger)
    : AtomicBroadcast.AtomicBroadcastBase
{
    /// <summary>Broadcast and Deliver outcomes are statuses in their response messages, never errors; only a cancelled
    /// call or a fault of the node ends a stream with an error, carrying an ErrorInfo of this domain.</summary>
    internal static readonly RpcFailures Failures = new("orderer", "orderer.fabricish");

    public override Task Broadcast(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<BroadcastResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Guard(nameof(Broadcast), context, ct => broadcast.HandleAsync(requestStream, responseStream, ct));
    }

    public override Task Deliver(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Guard(nameof(Deliver), context, ct => deliver.HandleAsync(requestStream, responseStream, ct));
    }

    private async Task Guard(string method, ServerCallContext context, Func<CancellationToken, Task> handle)
    {
        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            await handle(call.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw Failures.ShuttingDown();
        }
        catch (Exception e) when (e is not RpcException && context.CancellationToken.IsCancellationRequested)
        {
            // The client went away (reset the stream or hung up): the read that noticed it fails with whatever the
            // transport raises, which is the client's doing, not a fault of this node worth an error and a stack trace.
            OrdererLog.StreamAbandoned(logger, method, e.Message);
            throw Failures.From(new OperationCanceledException(e.Message, e), "orderer", stopping: false);
        }
        catch (Exception e) when (e is not RpcException)
        {
            if (e is not OperationCanceledException)
            {
                OrdererLog.StreamFailed(logger, method, e);
            }

            throw Failures.From(e, "orderer", stopping: false);
        }
    }
}
