using System.Net;
using Fabricish.Chaincode.Shim;
using Fabricish.Channels.Msp;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Endorsing;
using Fabricish.Testing.Infra;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fabricish.Endorser.Tests.PeerService;

/// <summary>Org1's peer as a web host serving only the endorsing service on a loopback port, with the real
/// asset-transfer chaincode server beside it, and a gRPC client to call it.</summary>
internal sealed class EndorsingHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ChaincodeServer chaincode;

    private EndorsingHost(WebApplication app, ChaincodeServer chaincode, TestNetwork network, TestPeerLedger ledger, GrpcChannel channel)
    {
        this.app = app;
        this.chaincode = chaincode;
        Network = network;
        Ledger = ledger;
        Channel = channel;
        Client = new Protos.Peer.Endorser.EndorserClient(channel);
    }

    public TestNetwork Network { get; }

    public TestPeerLedger Ledger { get; }

    public GrpcChannel Channel { get; }

    public Protos.Peer.Endorser.EndorserClient Client { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<EndorsingHost> StartAsync()
    {
        var network = new TestNetwork();
        var ledger = new TestPeerLedger(network.Channel.Config, network.State);
        string packageId = "basic_1.0:" + Guid.NewGuid().ToString("N");
        int[] ports = FreePorts.Take(2);
        var chaincode = new ChaincodeServer(packageId, $"127.0.0.1:{ports[0]}", EndorsingPeer.AssetTransfer());
        await chaincode.StartAsync();

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, ports[1], l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton<IPeerChannels>(new TestPeerChannels(ledger));
        builder.Services.AddSingleton<SigningIdentity>(network.Org1Peer);
        builder.Services.AddEndorsing(options =>
        {
            options.ExecuteTimeout = TimeSpan.FromSeconds(5);
            options.Chaincodes.Add(new ChaincodeEndpointOptions { Name = "basic", PackageId = packageId, Address = chaincode.Address });
        });
        WebApplication app = builder.Build();
        app.MapEndorsing();
        await app.StartAsync();
        return new EndorsingHost(app, chaincode, network, ledger, GrpcChannel.ForAddress($"http://127.0.0.1:{ports[1]}"));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await chaincode.StopAsync(stop.Token);
        }

        Ledger.Dispose();
        Network.Dispose();
    }
}
