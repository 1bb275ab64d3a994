using Fabricish.Peer.Rpc;
using Fabricish.Protos.Peer;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Endorsing;

/// <summary>Fabric's <c>protos.Endorser</c> gRPC service: ProcessProposal hands the signed proposal to the endorser,
/// which answers every outcome, refusals included, as a ProposalResponse.</summary>
internal sealed partial class EndorserService(
    Endorser.Endorser endorser,
    IHostApplicationLifetime lifetime,
    ILogger<EndorserService> logger)
    : Protos.Peer.Endorser.EndorserBase
{
    public override async Task<ProposalResponse> ProcessProposal(SignedProposal request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            return await endorser.ProcessProposalAsync(request, evaluate: false, call.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            if (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }

            throw PeerErrors.From(ex, lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested, "endorser");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "ProcessProposal failed")]
    private partial void LogFailed(Exception exception);
}
