using Fabricish.Peer.Tests.Events.Support;
using Fabricish.Testing;
using GatewayClient = Fabricish.Protos.Gateway.Gateway.GatewayClient;

namespace Fabricish.Peer.Tests.Gateway.Support;

/// <summary>One gateway peer of Org1 on the sample channel (a real block store), with Org2's peer as a gRPC server
/// and orderer nodes as gRPC servers; chaincode <see cref="Chaincode"/> needs AND(Org1 peer, Org2 peer) unless the
/// test sets another policy before <see cref="StartAsync"/>.</summary>
internal sealed class GatewayScenario : IAsyncDisposable
{
    public const string Chaincode = TestNetwork.Chaincode;

    private readonly List<FakeOrderer> _orderers = [];
    private GatewayTestHost? _host;

    public GatewayScenario() => Policies.Signature(Chaincode, "AND('Org1MSP.peer','Org2MSP.peer')");

    public TestNetwork Network => TestNetwork.Shared;

    public TestPeerLedger Ledger { get; } = new();

    public FakeLocalEndorser Local { get; } = new("Org1MSP", Chaincode);

    public TestPolicyLookup Policies { get; } = new();

    public TestGatewayCollections Collections { get; } = new();

    public FakeEndorserServer Org2 { get; private set; } = null!;

    public IReadOnlyList<FakeOrderer> Orderers => _orderers;

    public GatewayClient Client => (_host ?? throw new InvalidOperationException("not started")).Client;

    /// <param name="orderers">How many orderer nodes to start.</param>
    /// <param name="extraOrdererEndpoints">Endpoints listed before the started ones, e.g. a node that is down.</param>
    /// <param name="extraSettings">Added to <paramref name="settings"/> or to the default ones (Org2's fake peer).</param>
    public async Task<GatewayScenario> StartAsync(
        int orderers = 1, string[]? extraOrdererEndpoints = null, Dictionary<string, string?>? settings = null, Dictionary<string, string?>? extraSettings = null)
    {
        Org2 = await FakeEndorserServer.StartAsync();
        for (int i = 0; i < orderers; i++)
        {
            _orderers.Add(await FakeOrderer.StartAsync());
        }

        Dictionary<string, string?> all = settings ?? GatewayTestHost.Org2PeersAt(Org2.Address);
        foreach ((string key, string? value) in extraSettings ?? [])
        {
            all[key] = value;
        }

        all["Peer:OrdererEndpoints"] = string.Join(",", (extraOrdererEndpoints ?? []).Concat(_orderers.Select(o => o.Address)));
        _host = await GatewayTestHost.StartAsync(new TestPeerChannels(Ledger), Local, Policies, all, Collections);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        foreach (FakeOrderer orderer in _orderers)
        {
            await orderer.DisposeAsync();
        }

        if (Org2 is not null)
        {
            await Org2.DisposeAsync();
        }

        Ledger.Dispose();
    }
}
