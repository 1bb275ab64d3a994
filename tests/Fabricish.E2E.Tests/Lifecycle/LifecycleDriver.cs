using Fabricish.Channels.Msp;
using Fabricish.E2E.Tests.Network;
using Fabricish.Protos.Peer;
using Fabricish.Protos.Peer.Lifecycle;
using Fabricish.Testing.Infra;
using Google.Protobuf;

namespace Fabricish.E2E.Tests.Lifecycle;

/// <summary>Drives <c>_lifecycle</c> on the shared network as each org's admin would with the peer CLI: package and
/// install a chaincode-as-a-service package per org (each org runs its own asset-transfer server, registered with
/// its package id), approve for the org, commit with both peers' endorsements.</summary>
public sealed class LifecycleDriver(NetworkFixture network) : IAsyncDisposable
{
    private readonly ScratchDirectory _scratch = new("e2e-lifecycle");
    private readonly List<NodeProcess> _chaincodes = [];
    private readonly Dictionary<string, SigningIdentity> _admins = [];

    public NetworkFixture Network => network;

    /// <summary>Admin@&lt;org&gt;, from the users folder next to the peer's MSP.</summary>
    public SigningIdentity Admin(PeerNode peer)
    {
        if (!_admins.TryGetValue(peer.MspId, out SigningIdentity? admin))
        {
            admin = LifecycleSteps.LoadAdmin(peer);
            _admins[peer.MspId] = admin;
        }

        return admin;
    }

    public async Task<ProposalResponse> ProcessAsync(PeerNode peer, SigningIdentity creator, string channelId, string function, IMessage args) =>
        await FabricClient.ProcessAsync(peer, LifecycleProposals.Create(creator, channelId, function, args));

    /// <summary>Packages the chaincode server address for <paramref name="peer"/>'s org, installs it there and starts
    /// the server registered with the resulting package id; returns the package id.</summary>
    public async Task<string> InstallAndRunAsync(PeerNode peer, string label, IReadOnlyDictionary<string, string>? indexes = null)
    {
        int port = FreePorts.Take();
        string packageId = await LifecycleSteps.InstallAsync(peer, Admin(peer), label, $"127.0.0.1:{port}", indexes);
        string name = $"cc-{peer.MspId}-{label}";
        NodeProcess server = NetworkNodes.StartChaincode(_scratch, name, port, packageId);
        _chaincodes.Add(server);
        await NetworkNodes.WaitUntilListeningAsync(server, port, TimeSpan.FromSeconds(60));
        return packageId;
    }

    /// <summary>The org's admin approves at its own peer; the approval transaction commits VALID on both peers.</summary>
    public Task ApproveAsync(PeerNode peer, string name, string version, long sequence, string packageId) =>
        LifecycleSteps.ApproveAsync(peer, Admin(peer), NetworkFixture.ChannelId, Definition(name, version, sequence), packageId, network.SubmitAsync);

    public static CommitChaincodeDefinitionArgs Definition(string name, string version, long sequence) => LifecycleSteps.Definition(name, version, sequence);

    /// <summary>Commits with both peers' endorsements (LifecycleEndorsement is MAJORITY of two orgs).</summary>
    public Task CommitAsync(string name, string version, long sequence) =>
        LifecycleSteps.CommitAsync(Admin(network.Org1Peer), NetworkFixture.ChannelId, Definition(name, version, sequence), network.Peers, network.SubmitAsync);

    /// <summary>Install, approve by both orgs, commit: the whole deployment of one sequence.</summary>
    public async Task DeployAsync(string name, string version, long sequence, IReadOnlyDictionary<string, string>? indexes = null)
    {
        string label = $"{name}_{version}";
        foreach (PeerNode peer in network.Peers)
        {
            string packageId = await InstallAndRunAsync(peer, label, indexes);
            await ApproveAsync(peer, name, version, sequence, packageId);
        }

        await CommitAsync(name, version, sequence);
    }

    public async Task<QueryChaincodeDefinitionResult> QueryCommittedAsync(PeerNode peer, string name)
    {
        ProposalResponse response = await ProcessAsync(peer, network.Org1User, NetworkFixture.ChannelId, "QueryChaincodeDefinition", new QueryChaincodeDefinitionArgs { Name = name });
        Assert.True(response.Response.Status == 200, $"querycommitted at {peer.MspId}: {response.Response}");
        return QueryChaincodeDefinitionResult.Parser.ParseFrom(response.Response.Payload);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (NodeProcess chaincode in _chaincodes)
        {
            await chaincode.DisposeAsync();
        }

        foreach (SigningIdentity admin in _admins.Values)
        {
            admin.Dispose();
        }

        _scratch.Dispose();
    }
}
