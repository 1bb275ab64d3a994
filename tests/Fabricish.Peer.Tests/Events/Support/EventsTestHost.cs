using System.Net;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Events;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Peer.Tests.Events.Support;

/// <summary>The peer's event services hosted in the test process as the peer host wires them (AddEvents/MapEvents),
/// over HTTP/2 plaintext on a loopback port the kernel picks, with a gRPC client for them.</summary>
internal sealed class EventsTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private GrpcChannel? _grpc;

    private EventsTestHost(WebApplication app) => _app = app;

    public Deliver.DeliverClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    public static async Task<EventsTestHost> StartAsync(IPeerChannels channels)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(channels);
        builder.Services.AddEvents();
        WebApplication app = builder.Build();
        app.MapEvents();
        var host = new EventsTestHost(app);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        host._grpc = GrpcChannel.ForAddress(address);
        host.Client = new Deliver.DeliverClient(host._grpc);
        return host;
    }

    /// <summary>Opens a stream of one of the three calls.</summary>
    public AsyncDuplexStreamingCall<Envelope, DeliverResponse> Open(DeliverContent content, CancellationToken cancellationToken) => content switch
    {
        DeliverContent.Blocks => Client.Deliver(cancellationToken: cancellationToken),
        DeliverContent.FilteredBlocks => Client.DeliverFiltered(cancellationToken: cancellationToken),
        _ => Client.DeliverWithPrivateData(cancellationToken: cancellationToken),
    };

    /// <summary>Sends one request and reads until its status: the responses before it and the status.</summary>
    public async Task<(List<DeliverResponse> Responses, Status Status)> DeliverAsync(DeliverContent content, Envelope seek)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using AsyncDuplexStreamingCall<Envelope, DeliverResponse> call = Open(content, timeout.Token);
        await call.RequestStream.WriteAsync(seek, timeout.Token);
        var responses = new List<DeliverResponse>();
        while (await call.ResponseStream.MoveNext(timeout.Token))
        {
            DeliverResponse response = call.ResponseStream.Current;
            if (response.TypeCase == DeliverResponse.TypeOneofCase.Status)
            {
                return (responses, response.Status);
            }

            responses.Add(response);
        }

        Assert.Fail("the deliver stream ended without a status");
        return (responses, Status.Unknown);
    }

    public async ValueTask DisposeAsync()
    {
        _grpc?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
