using System.Net;
using Fabricish.Protos.Peer;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Tests.Gateway.Support;

/// <summary>Another organisation's peer: a real gRPC <c>protos.Endorser</c> server on a loopback port, answering as the
/// test decides (by default Org2's peer endorsing the same result as the gateway's own peer).</summary>
internal sealed class FakeEndorserServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private FakeEndorserServer(WebApplication app, int port)
    {
        _app = app;
        Address = $"127.0.0.1:{port}";
    }

    public string Address { get; }

    public Func<SignedProposal, ProposalResponse> Answer { get; set; } =
        proposal => TestEndorsements.Success(proposal, Events.Support.EventsTestNetwork.Shared.Org2Peer);

    public int Calls => Volatile.Read(ref _calls);

    public static async Task<FakeEndorserServer> StartAsync()
    {
        int port = Testing.Infra.FreePorts.Take();
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<Service>();
        WebApplication app = builder.Build();
        app.MapGrpcService<Service>();
        var server = new FakeEndorserServer(app, port);
        app.Services.GetRequiredService<Service>().Server = server;
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed class Service : Protos.Peer.Endorser.EndorserBase
    {
        public FakeEndorserServer Server { get; set; } = null!;

        public override Task<ProposalResponse> ProcessProposal(SignedProposal request, ServerCallContext context)
        {
            Interlocked.Increment(ref Server._calls);
            return Task.FromResult(Server.Answer(request));
        }
    }
}
