using System.Collections.Concurrent;
using System.Net;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Peer.Tests.Gateway.Support;

/// <summary>An orderer node's Broadcast on a loopback port: records each envelope and answers the status the test
/// sets (SUCCESS by default).</summary>
internal sealed class FakeOrderer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOrderer(WebApplication app, int port)
    {
        _app = app;
        Address = $"127.0.0.1:{port}";
    }

    public string Address { get; }

    public Status Answer { get; set; } = Status.Success;

    public ConcurrentQueue<Envelope> Received { get; } = new();

    public static async Task<FakeOrderer> StartAsync()
    {
        int port = Testing.Infra.FreePorts.Take();
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<Service>();
        WebApplication app = builder.Build();
        app.MapGrpcService<Service>();
        var orderer = new FakeOrderer(app, port);
        app.Services.GetRequiredService<Service>().Orderer = orderer;
        await app.StartAsync();
        return orderer;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed class Service : AtomicBroadcast.AtomicBroadcastBase
    {
        public FakeOrderer Orderer { get; set; } = null!;

        public override async Task Broadcast(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<BroadcastResponse> responseStream, ServerCallContext context)
        {
            while (await requestStream.MoveNext(context.CancellationToken))
            {
                Orderer.Received.Enqueue(requestStream.Current);
                await responseStream.WriteAsync(new BroadcastResponse { Status = Orderer.Answer, Info = Orderer.Answer == Status.Success ? string.Empty : "refused by test" });
            }
        }
    }
}
