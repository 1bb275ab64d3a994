using Fabricish.Protos.Gateway;
using Grpc.Core;
using GatewayRpc = Fabricish.Protos.Gateway.Gateway;

namespace Fabricish.Client;

/// <summary>The Gateway service calls with each kind's default deadline, gRPC failures turned into the exception
/// fabric-gateway raises for that step.</summary>
internal sealed class GatewayConnection(GatewayRpc.GatewayClient client, SigningContext signing, GatewayConnectOptions options)
{
    public SigningContext Signing { get; } = signing;

    public async Task<EvaluateResponse> EvaluateAsync(EvaluateRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await client.EvaluateAsync(request, Call(options.EvaluateTimeout, cancellationToken)).ConfigureAwait(false);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw GatewayErrors.Gateway(e);
        }
    }

    public async Task<EndorseResponse> EndorseAsync(EndorseRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await client.EndorseAsync(request, Call(options.EndorseTimeout, cancellationToken)).ConfigureAwait(false);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw GatewayErrors.Endorse(request.TransactionId, e);
        }
    }

    public async Task SubmitAsync(SubmitRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await client.SubmitAsync(request, Call(options.SubmitTimeout, cancellationToken)).ConfigureAwait(false);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw GatewayErrors.Submit(request.TransactionId, e);
        }
    }

    public async Task<CommitStatusResponse> CommitStatusAsync(string transactionId, SignedCommitStatusRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CommitStatusAsync(request, Call(options.CommitStatusTimeout, cancellationToken)).ConfigureAwait(false);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw GatewayErrors.CommitStatus(transactionId, e);
        }
    }

    /// <summary>Event streams run until the caller stops reading, so they get no deadline.</summary>
    public AsyncServerStreamingCall<ChaincodeEventsResponse> ChaincodeEvents(SignedChaincodeEventsRequest request, CancellationToken cancellationToken) =>
        client.ChaincodeEvents(request, new CallOptions(cancellationToken: cancellationToken));

    private static CallOptions Call(TimeSpan? timeout, CancellationToken cancellationToken) =>
        new(deadline: timeout is { } t ? DateTime.UtcNow + t : null, cancellationToken: cancellationToken);
}
