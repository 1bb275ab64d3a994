using Fabricish.Peer.Channels;
using Fabricish.Peer.Events;
using Fabricish.Peer.Gateway;
using Fabricish.Peer.Host;
using Fabricish.Testing.Servers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using GatewayClient = Fabricish.Protos.Gateway.Gateway.GatewayClient;

namespace Fabricish.Peer.Tests.Gateway.Support;

/// <summary>The gateway service hosted in the test process as the peer host wires it (AddEvents, AddGateway,
/// MapGateway) over HTTP/2 plaintext on a loopback port, with the test's channels, own endorser and policies, and
/// <c>Peer:*</c> settings; plus a gRPC client for it.</summary>
internal sealed class GatewayTestHost : IAsyncDisposable
{
    /// <summary>The gateway peer's anchor-peer address in the sample channel configuration: it is Org1's peer.</summary>
    public const string OwnAnchorAddress = "peer0.org1.example.com:7051";

    private readonly LoopbackGrpcServer _server;

    private GatewayTestHost(LoopbackGrpcServer server)
    {
        _server = server;
        Client = new GatewayClient(server.Channel);
    }

    public GatewayClient Client { get; }

    public static async Task<GatewayTestHost> StartAsync(
        IPeerChannels channels, ILocalEndorser local, IEndorsementPolicyLookup policies, IDictionary<string, string?> settings, IGatewayCollections? collections = null) =>
        new(await LoopbackGrpcServer.StartAsync(
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
                {
                    ["Peer:Gateway:ExternalEndpoint"] = OwnAnchorAddress,
                    ["Peer:Gateway:EndorsementTimeout"] = "00:00:10",
                    ["Peer:Gateway:BroadcastTimeout"] = "00:00:10",
                });
                builder.Services.AddSingleton(channels);
                builder.Services.AddSingleton(local);
                builder.Services.AddSingleton(policies);
                if (collections is not null)
                {
                    builder.Services.AddSingleton(collections);
                }

                builder.Services.AddOptions<PeerOptions>().BindConfiguration(PeerOptions.Section);
                builder.Services.AddEvents();
                builder.Services.AddGateway(builder.Configuration.GetSection("Peer:Gateway"));
            },
            app => app.MapGateway()));

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

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
