using System.Net;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Tests.Committing.Support;

/// <summary>A stand-in orderer whose Deliver sends whatever blocks the test gives it, from the requested start on, then
/// holds the stream open: lets a test hand a peer a block no real orderer would sign.</summary>
internal sealed class StubOrderer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubOrderer(WebApplication app, int port)
    {
        _app = app;
        Endpoint = $"127.0.0.1:{port}";
    }

    public string Endpoint { get; }

    public static async Task<StubOrderer> StartAsync(IReadOnlyList<Block> blocks)
    {
        int port = Testing.Infra.FreePorts.Take();
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new Service(blocks));
        WebApplication app = builder.Build();
        app.MapGrpcService<Service>();
        await app.StartAsync();
        return new StubOrderer(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed class Service(IReadOnlyList<Block> blocks) : AtomicBroadcast.AtomicBroadcastBase
    {
        public override async Task Deliver(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context)
        {
            if (!await requestStream.MoveNext(context.CancellationToken))
            {
                return;
            }

            Payload payload = Payload.Parser.ParseFrom(requestStream.Current.Payload);
            ulong start = SeekInfo.Parser.ParseFrom(payload.Data).Start.Specified.Number;
            foreach (Block block in blocks.Where(b => b.Header.Number >= start))
            {
                await responseStream.WriteAsync(new DeliverResponse { Block = block });
            }

            try
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The peer hung up to fail over, as it should after refusing a block.
            }
        }
    }
}
