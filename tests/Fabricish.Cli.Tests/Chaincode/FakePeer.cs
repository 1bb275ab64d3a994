using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Fabricish.Protos.Common;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Infra;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using GatewayRpc = Fabricish.Protos.Gateway.Gateway;

namespace Fabricish.Cli.Tests.Chaincode;

/// <summary>A stand-in peer serving the Gateway and Endorser services on a free port: records what it is sent,
/// answers each chaincode function through <see cref="Respond"/>, and reports a configurable commit status.</summary>
internal sealed class FakePeer : IAsyncDisposable
{
    private WebApplication? _app;

    private FakePeer(int port) => Address = $"127.0.0.1:{port}";

    public string Address { get; }

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
        int port = FreePorts.Take();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var peer = new FakePeer(port);
        builder.Services.AddSingleton(peer);
        WebApplication app = builder.Build();
        app.MapGrpcService<GatewayService>();
        app.MapGrpcService<EndorserService>();
        await app.StartAsync();
        peer._app = app;
        return peer;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public static IReadOnlyList<ByteString> Args(SignedProposal signed) =>
        ChaincodeInvocationSpec.Parser.ParseFrom(
            ChaincodeProposalPayload.Parser.ParseFrom(Protos.Peer.Proposal.Parser.ParseFrom(signed.ProposalBytes).Payload).Input).ChaincodeSpec.Input.Args;

    public static ChaincodeProposalPayload Payload(SignedProposal signed) =>
        ChaincodeProposalPayload.Parser.ParseFrom(Protos.Peer.Proposal.Parser.ParseFrom(signed.ProposalBytes).Payload);

    public static ChannelHeader ChannelHeaderOf(SignedProposal signed) =>
        ChannelHeader.Parser.ParseFrom(Header.Parser.ParseFrom(Protos.Peer.Proposal.Parser.ParseFrom(signed.ProposalBytes).Header).ChannelHeader);

    /// <summary>The unsigned envelope a gateway returns from Endorse, laid out as Fabric's protoutil.CreateSignedTx.</summary>
    private static Envelope Prepared(SignedProposal signed, Response response)
    {
        var proposal = Protos.Peer.Proposal.Parser.ParseFrom(signed.ProposalBytes);
        Header header = Header.Parser.ParseFrom(proposal.Header);
        var responsePayload = new ProposalResponsePayload
        {
            ProposalHash = ByteString.CopyFrom(SHA256.HashData(signed.ProposalBytes.Span)),
            Extension = new ChaincodeAction { Response = response }.ToByteString(),
        };
        var actionPayload = new ChaincodeActionPayload
        {
            ChaincodeProposalPayload = proposal.Payload,
            Action = new ChaincodeEndorsedAction { ProposalResponsePayload = responsePayload.ToByteString() },
        };
        var transaction = new Protos.Peer.Transaction();
        transaction.Actions.Add(new TransactionAction { Header = header.SignatureHeader, Payload = actionPayload.ToByteString() });
        return new Envelope { Payload = new Payload { Header = header, Data = transaction.ToByteString() }.ToByteString() };
    }

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
            return Task.FromResult(new EndorseResponse { PreparedTransaction = Prepared(request.ProposedTransaction, response) });
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
