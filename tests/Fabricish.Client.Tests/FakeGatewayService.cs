using System.Collections.Concurrent;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Transactions;
using Google.Protobuf;
using Grpc.Core;

namespace Fabricish.Client.Tests;

/// <summary>A stand-in Gateway service: records every request, endorses with a fixed chaincode response, reports a
/// configurable commit status, streams given chaincode events, and fails a step when told to.</summary>
internal sealed class FakeGatewayService : Protos.Gateway.Gateway.GatewayBase
{
    public ConcurrentQueue<EvaluateRequest> Evaluations { get; } = new();

    public ConcurrentQueue<EndorseRequest> Endorsements { get; } = new();

    public ConcurrentQueue<SubmitRequest> Submissions { get; } = new();

    public ConcurrentQueue<SignedCommitStatusRequest> CommitStatusRequests { get; } = new();

    public ConcurrentQueue<SignedChaincodeEventsRequest> EventsRequests { get; } = new();

    public Response ChaincodeResponse { get; set; } = new() { Status = 200, Payload = ByteString.CopyFromUtf8("result") };

    public TxValidationCode CommitCode { get; set; } = TxValidationCode.Valid;

    public ulong CommitBlock { get; set; } = 7;

    public RpcException? EndorseFailure { get; set; }

    public IReadOnlyList<ChaincodeEventsResponse> Events { get; set; } = [];

    public override Task<EvaluateResponse> Evaluate(EvaluateRequest request, ServerCallContext context)
    {
        Evaluations.Enqueue(request);
        return Task.FromResult(new EvaluateResponse { Result = ChaincodeResponse });
    }

    public override Task<EndorseResponse> Endorse(EndorseRequest request, ServerCallContext context)
    {
        Endorsements.Enqueue(request);
        if (EndorseFailure is { } failure)
        {
            throw failure;
        }

        return Task.FromResult(new EndorseResponse { PreparedTransaction = PreparedTransactions.From(request.ProposedTransaction, ChaincodeResponse) });
    }

    public override Task<SubmitResponse> Submit(SubmitRequest request, ServerCallContext context)
    {
        Submissions.Enqueue(request);
        return Task.FromResult(new SubmitResponse());
    }

    public override Task<CommitStatusResponse> CommitStatus(SignedCommitStatusRequest request, ServerCallContext context)
    {
        CommitStatusRequests.Enqueue(request);
        return Task.FromResult(new CommitStatusResponse { Result = CommitCode, BlockNumber = CommitBlock });
    }

    public override async Task ChaincodeEvents(SignedChaincodeEventsRequest request, IServerStreamWriter<ChaincodeEventsResponse> responseStream, ServerCallContext context)
    {
        EventsRequests.Enqueue(request);
        foreach (ChaincodeEventsResponse response in Events)
        {
            await responseStream.WriteAsync(response);
        }
    }
}
