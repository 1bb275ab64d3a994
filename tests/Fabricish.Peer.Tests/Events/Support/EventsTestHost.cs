using Fabricish.Peer.Channels;
using Fabricish.Peer.Events;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Servers;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Peer.Tests.Events.Support;

/// <summary>The peer's event services hosted in the test process as the peer host wires them (AddEvents/MapEvents),
/// over HTTP/2 plaintext on a loopback port, with a gRPC client for them.</summary>
internal sealed class EventsTestHost : IAsyncDisposable
{
    private readonly LoopbackGrpcServer _server;

    private EventsTestHost(LoopbackGrpcServer server)
    {
        _server = server;
        Client = new Deliver.DeliverClient(server.Channel);
    }

    public Deliver.DeliverClient Client { get; }

    public IServiceProvider Services => _server.Services;

    public static async Task<EventsTestHost> StartAsync(IPeerChannels channels) => new(await LoopbackGrpcServer.StartAsync(
        builder => builder.Services.AddSingleton(channels).AddEvents(),
        app => app.MapEvents()));

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

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
