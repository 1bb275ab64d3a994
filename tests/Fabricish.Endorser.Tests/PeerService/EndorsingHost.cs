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
    private readonly LoopbackGrpcServer _server;
    private readonly ChaincodeServer _chaincode;

    private EndorsingHost(LoopbackGrpcServer server, ChaincodeServer chaincode, TestNetwork network, TestPeerLedger ledger)
    {
        _server = server;
        _chaincode = chaincode;
        Network = network;
        Ledger = ledger;
        Client = new Protos.Peer.Endorser.EndorserClient(server.Channel);
    }

    public TestNetwork Network { get; }

    public TestPeerLedger Ledger { get; }

    public GrpcChannel Channel => _server.Channel;

    public Protos.Peer.Endorser.EndorserClient Client { get; }

    public IServiceProvider Services => _server.Services;

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
        await _server.DisposeAsync();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _chaincode.StopAsync(stop.Token);
        }

        Ledger.Dispose();
        Network.Dispose();
    }
}
