using Fabricish.Chaincode.Shim;
using Fabricish.Channels.Msp;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Endorsing;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Fabricish.Testing.Servers;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Fabricish.Endorser.Tests.PeerService;

/// <summary>Org1's peer as a web host serving only the endorsing service on a loopback port, with the real
/// asset-transfer chaincode server beside it, and a gRPC client to call it.</summary>
internal sealed class EndorsingHost : IAsyncDisposable
{
    private readonly LoopbackGrpcServer server;
    private readonly ChaincodeServer chaincode;

    private EndorsingHost(LoopbackGrpcServer server, ChaincodeServer chaincode, TestNetwork network, TestPeerLedger ledger)
    {
        this.server = server;
        this.chaincode = chaincode;
        Network = network;
        Ledger = ledger;
        Client = new Protos.Peer.Endorser.EndorserClient(server.Channel);
    }

    public TestNetwork Network { get; }

    public TestPeerLedger Ledger { get; }

    public GrpcChannel Channel => server.Channel;

    public Protos.Peer.Endorser.EndorserClient Client { get; }

    public IServiceProvider Services => server.Services;

    public static async Task<EndorsingHost> StartAsync()
    {
        TestNetwork network = TestEndorserChannels.NewNetwork();
        var ledger = new TestPeerLedger(network.Config, new InMemoryStateDatabase());
        string packageId = "basic_1.0:" + Guid.NewGuid().ToString("N");
        var chaincode = new ChaincodeServer(packageId, $"127.0.0.1:{FreePorts.Take()}", EndorsingPeer.AssetTransfer());
        await chaincode.StartAsync();

        LoopbackGrpcServer server = await LoopbackGrpcServer.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<IPeerChannels>(new TestPeerChannels(ledger));
                builder.Services.AddSingleton<SigningIdentity>(network.Org1Peer);
                builder.Services.AddEndorsing(options =>
                {
                    options.ExecuteTimeout = TimeSpan.FromSeconds(5);
                    options.Chaincodes.Add(new ChaincodeEndpointOptions { Name = "basic", PackageId = packageId, Address = chaincode.Address });
                });
            },
            app => app.MapEndorsing());
        return new EndorsingHost(server, chaincode, network, ledger);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await chaincode.StopAsync(stop.Token);
        }

        Ledger.Dispose();
        Network.Dispose();
    }
}
