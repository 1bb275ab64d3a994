using Fabricish.Hosting.Rpc;
using Fabricish.Peer.Rpc;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Events;

/// <summary>Fabric's <c>protos.Deliver</c> gRPC service on the peer; <see cref="DeliverHandler"/> decides, this only
/// adapts. Streams end when the node stops, so shutdown does not wait on idle listeners.</summary>
internal sealed class DeliverService(DeliverHandler handler, IHostApplicationLifetime lifetime, ILogger<DeliverService> logger)
    : Protos.Peer.Deliver.DeliverBase
{
    public override Task Deliver(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context) =>
        Guard(nameof(Deliver), DeliverContent.Blocks, requestStream, responseStream, context);

    public override Task DeliverFiltered(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context) =>
        Guard(nameof(DeliverFiltered), DeliverContent.FilteredBlocks, requestStream, responseStream, context);

    public override Task DeliverWithPrivateData(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context) =>
        Guard(nameof(DeliverWithPrivateData), DeliverContent.BlocksWithPrivateData, requestStream, responseStream, context);

    private async Task Guard(
        string method,
        DeliverContent content,
        IAsyncStreamReader<Envelope> requests,
        IServerStreamWriter<DeliverResponse> responses,
        ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            await handler.HandleAsync(content, requests, responses, call.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw PeerErrors.ShuttingDown();
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client went away; there is nobody left to answer.
        }
        catch (Exception e) when (e is not RpcException and not OperationCanceledException)
        {
            EventsLog.StreamFailed(logger, method, e);
            throw RpcExceptions.Create(StatusCode.Internal, e.Message);
        }
    }
}
