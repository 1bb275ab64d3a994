using System.Collections.Concurrent;
using Fabricish.Protos.Common;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Servers;
using Fabricish.Testing.Transactions;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using GatewayRpc = Fabricish.Protos.Gateway.Gateway;

namespace Fabricish.Cli.Tests.Chaincode;

/// <summary>A stand-in peer serving the Gateway and Endorser services on a free port: records what it is sent,
/// answers each chaincode function through <see cref="Respond"/>, and reports a configurable commit status.</summary>
internal sealed class FakePeer : IAsyncDisposable
{
    private LoopbackGrpcServer _server = null!;

    private FakePeer()
    {
    }

    public string Address => _server.Address;

    public ConcurrentQueue<EvaluateRequest> Evaluations { get; } = new();

    public ConcurrentQueue<EndorseRequest> Endorsements { get; } = new();

    public ConcurrentQueue<SubmitRequest> Submissions { get; } = new();

    public ConcurrentQueue<SignedCommitStatusRequest> CommitStatusRequests { get; } = new();

    public ConcurrentQueue<SignedProposal> EndorserProposals { get; } = new();

    /// <summary>The chaincode's answer to a call, by the call's arguments (function first).</summary>
    public Func<IReadOnlyList<ByteString>, Response> Respond { get; set; } = _ => new Response { Status = 200, Payload = ByteString.CopyFromUtf8("{\"ID\":\"asset1\"}") };

    public TxValidationCode CommitCode { get; set; } = TxValidationCode.Valid;

    public RpcException? EndorseFailure { get; set; }

    public static async Task<FakePeer> StartAsync()
    {
        var peer = new FakePeer();
        peer._server = await LoopbackGrpcServer.StartAsync(
            builder => builder.Services.AddSingleton(peer),
            app =>
            {
                app.MapGrpcService<GatewayService>();
                app.MapGrpcService<EndorserService>();
            });
        return peer;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    public static IReadOnlyList<ByteString> Args(SignedProposal signed) =>
        ChaincodeInvocationSpec.Parser.ParseFrom(
            ChaincodeProposalPayload.Parser.ParseFrom(Protos.Peer.Proposal.Parser.ParseFrom(signed.ProposalBytes).Payload).Input).ChaincodeSpec.Input.Args;

    public static ChaincodeProposalPayload Payload(SignedProposal signed) =>
        ChaincodeProposalPayload.Parser.ParseFrom(Protos.Peer.Proposal.Parser.ParseFrom(signed.ProposalBytes).Payload);

    public static ChannelHeader ChannelHeaderOf(SignedProposal signed) =>
        ChannelHeader.Parser.ParseFrom(Header.Parser.ParseFrom(Protos.Peer.Proposal.Parser.ParseFrom(signed.ProposalBytes).Header).ChannelHeader);

    private sealed class GatewayService(FakePeer peer) : GatewayRpc.GatewayBase
    {
        public override Task<EvaluateResponse> Evaluate(EvaluateRequest request, ServerCallContext context)
        {
            peer.Evaluations.Enqueue(request);
            return Task.FromResult(new EvaluateResponse { Result = peer.Respond(Args(request.ProposedTransaction)) });
        }

        public override Task<EndorseResponse> Endorse(EndorseRequest request, ServerCallContext context)
        {
            peer.Endorsements.Enqueue(request);
            if (peer.EndorseFailure is { } failure)
            {
                throw failure;
            }

            Response response = peer.Respond(Args(request.ProposedTransaction));
            return Task.FromResult(new EndorseResponse { PreparedTransaction = PreparedTransactions.From(request.ProposedTransaction, response) });
        }

        public override Task<SubmitResponse> Submit(SubmitRequest request, ServerCallContext context)
        {
            peer.Submissions.Enqueue(request);
            return Task.FromResult(new SubmitResponse());
        }

        public override Task<CommitStatusResponse> CommitStatus(SignedCommitStatusRequest request, ServerCallContext context)
        {
            peer.CommitStatusRequests.Enqueue(request);
            return Task.FromResult(new CommitStatusResponse { Result = peer.CommitCode, BlockNumber = 7 });
        }
    }

    private sealed class EndorserService(FakePeer peer) : Endorser.EndorserBase
    {
        public override Task<ProposalResponse> ProcessProposal(SignedProposal request, ServerCallContext context)
        {
            peer.EndorserProposals.Enqueue(request);
            return Task.FromResult(new ProposalResponse { Response = peer.Respond(Args(request)) });
        }
    }
}
