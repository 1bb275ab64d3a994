using Fabricish.Ledger;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Events;
using Fabricish.Peer.Rpc;
using Fabricish.Protos.Common;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Gateway;

/// <summary>
/// Fabric's <c>gateway.Gateway</c> service on this peer, as the official Fabric Gateway client SDKs call it: Evaluate,
/// Endorse, Submit, CommitStatus and ChaincodeEvents. Every failure is a gRPC error whose google.rpc.Status details
/// name the peers or orderers involved (<see cref="ErrorDetail"/>); a request about a channel this peer has not joined
/// is NOT_FOUND.
/// </summary>
internal sealed partial class GatewayService(
    GatewayEvaluation evaluation,
    GatewayEndorsement endorsement,
    GatewaySubmission submission,
    IPeerChannels channels,
    ICommitStatusWaiter commits,
    IHostApplicationLifetime lifetime,
    ILogger<GatewayService> logger)
    : Protos.Gateway.Gateway.GatewayBase
{
    public override Task<EvaluateResponse> Evaluate(EvaluateRequest request, ServerCallContext context) =>
        RunAsync(context, token => evaluation.EvaluateAsync(request, token));

    public override Task<EndorseResponse> Endorse(EndorseRequest request, ServerCallContext context) =>
        RunAsync(context, async token => new EndorseResponse { PreparedTransaction = await endorsement.EndorseAsync(request, token).ConfigureAwait(false) });

    public override Task<SubmitResponse> Submit(SubmitRequest request, ServerCallContext context) =>
        RunAsync(context, async token =>
        {
            await submission.SubmitAsync(request, token).ConfigureAwait(false);
            return new SubmitResponse();
        });

    /// <summary>Blocks until the transaction is committed on this peer (at once when it already is).</summary>
    public override Task<CommitStatusResponse> CommitStatus(SignedCommitStatusRequest request, ServerCallContext context) =>
        RunAsync(context, async token =>
        {
            ArgumentNullException.ThrowIfNull(request);
            CommitStatusRequest status = SignedRequests.Parse(request.Request, CommitStatusRequest.Parser, "commit status");
            SignedRequests.Authorize(channels, status.ChannelId, request.Request, status.Identity, request.Signature);
            try
            {
                Events.CommitStatus committed = await commits.WaitAsync(status.ChannelId, status.TransactionId, token).ConfigureAwait(false);
                return new CommitStatusResponse { Result = committed.Code, BlockNumber = committed.BlockNumber };
            }
            catch (ChannelNotJoinedException)
            {
                throw GatewayErrors.ChannelNotFound(status.ChannelId);
            }
        });

    /// <summary>One response per block holding events of the chaincode, from the requested position, until the client
    /// hangs up; when resuming after a transaction, its block's earlier events are skipped.</summary>
    public override Task ChaincodeEvents(SignedChaincodeEventsRequest request, IServerStreamWriter<ChaincodeEventsResponse> responseStream, ServerCallContext context) =>
        RunAsync(context, async token =>
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(responseStream);
            ChaincodeEventsRequest events = SignedRequests.Parse(request.Request, ChaincodeEventsRequest.Parser, "chaincode events");
            IPeerLedger ledger = SignedRequests.Authorize(channels, events.ChannelId, request.Request, events.Identity, request.Signature);
            string? afterTxId = null;
            ulong start;
            if (events.AfterTransactionId.Length > 0 && ledger.Blocks.TryGetTxLocation(events.AfterTransactionId, out TxLocation location))
            {
                start = location.BlockNumber;
                afterTxId = events.AfterTransactionId;
            }
            else
            {
                // Only blocks committed in full count: one whose state is still being written is not the newest yet.
                start = StartBlock(events.StartPosition, ledger.CommittedHeight);
            }

            LogEventsStarted(events.ChannelId, events.ChaincodeId, start);
            await foreach (Block block in ledger.ReadCommittedFrom(start, token).ConfigureAwait(false))
            {
                List<ChaincodeEvent> matching = ChaincodeEventsReader.Read(block, events.ChaincodeId, block.Header.Number == start ? afterTxId : null);
                if (matching.Count > 0)
                {
                    var response = new ChaincodeEventsResponse { BlockNumber = block.Header.Number };
                    response.Events.AddRange(matching);
                    await responseStream.WriteAsync(response, token).ConfigureAwait(false);
                }
            }

            return true;
        });

    /// <summary>Fabric's <c>startBlockFromLedgerPosition</c>: by default and for next_commit the next block to commit.</summary>
    private static ulong StartBlock(SeekPosition? position, ulong height) => position?.TypeCase switch
    {
        null or SeekPosition.TypeOneofCase.None or SeekPosition.TypeOneofCase.NextCommit => height,
        SeekPosition.TypeOneofCase.Specified => position.Specified.Number,
        SeekPosition.TypeOneofCase.Newest => height == 0 ? 0 : height - 1,
        SeekPosition.TypeOneofCase.Oldest => 0,
        _ => throw GatewayErrors.StartPositionInvalid(position.TypeCase),
    };

    /// <summary>Runs a call with the caller's cancellation and the peer's shutdown, turning unexpected failures into
    /// the peer's gRPC errors.</summary>
    private async Task<T> RunAsync<T>(ServerCallContext context, Func<CancellationToken, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            return await call(linked.Token).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            LogRefused(context.Method, e.StatusCode, e.Status.Detail);
            throw;
        }
        catch (Exception e)
        {
            if (e is not OperationCanceledException)
            {
                LogFailed(context.Method, e);
            }

            throw PeerErrors.From(e, lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested, "gateway");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} refused: {Code} {Detail}")]
    private partial void LogRefused(string method, StatusCode code, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed")]
    private partial void LogFailed(string method, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "chaincode events of {Chaincode} on channel {Channel} from block {Start}")]
    private partial void LogEventsStarted(string channel, string chaincode, ulong start);
}
