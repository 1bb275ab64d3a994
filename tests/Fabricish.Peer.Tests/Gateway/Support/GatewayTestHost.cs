using System.Net;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Events;
using Fabricish.Peer.Gateway;
using Fabricish.Peer.Host;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using GatewayClient = Fabricish.Protos.Gateway.Gateway.GatewayClient;

namespace Fabricish.Peer.Tests.Gateway.Support;

/// <summary>The gateway service hosted in the test process as the peer host wires it (AddEvents, AddGateway,
/// MapGateway) over HTTP/2 plaintext on a loopback port, with the test's channels, own endorser and policies, and
/// <c>Peer:*</c> settings; plus a gRPC client for it.</summary>
internal sealed class GatewayTestHost : IAsyncDisposable
{
    /// <summary>The gateway peer's anchor-peer address in the sample channel configuration: it is Org1's peer.</summary>
    public const string OwnAnchorAddress = "peer0.org1.example.com:7051";

    private readonly WebApplication _app;
    private GrpcChannel? _grpc;

    private GatewayTestHost(WebApplication app) => _app = app;

    public GatewayClient Client { get; private set; } = null!;

    public static async Task<GatewayTestHost> StartAsync(
        IPeerChannels channels, ILocalEndorser local, IEndorsementPolicyLookup policies, IDictionary<string, string?> settings)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["Peer:Gateway:ExternalEndpoint"] = OwnAnchorAddress,
            ["Peer:Gateway:EndorsementTimeout"] = "00:00:10",
            ["Peer:Gateway:BroadcastTimeout"] = "00:00:10",
        });
        builder.Services.AddSingleton(channels);
        builder.Services.AddSingleton(local);
        builder.Services.AddSingleton(policies);
        builder.Services.AddOptions<PeerOptions>().BindConfiguration(PeerOptions.Section);
        builder.Services.AddEvents();
        builder.Services.AddGateway(builder.Configuration.GetSection("Peer:Gateway"));
        WebApplication app = builder.Build();
        app.MapGateway();
        var host = new GatewayTestHost(app);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        host._grpc = GrpcChannel.ForAddress(address);
        host.Client = new GatewayClient(host._grpc);
        return host;
    }

    /// <summary>Settings that put Org2's peers at <paramref name="addresses"/>.</summary>
    public static Dictionary<string, string?> Org2PeersAt(params string[] addresses)
    {
        var settings = new Dictionary<string, string?>();
        for (int i = 0; i < addresses.Length; i++)
        {
            settings[$"Peer:Gateway:Peers:{i}:MspId"] = "Org2MSP";
            settings[$"Peer:Gateway:Peers:{i}:Address"] = addresses[i];
        }

        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        _grpc?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
