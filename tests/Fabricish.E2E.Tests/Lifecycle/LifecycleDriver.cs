using Fabricish.Channels.Msp;
using Fabricish.E2E.Tests.Network;
using Fabricish.Protos.Peer;
using Fabricish.Protos.Peer.Lifecycle;
using Fabricish.Testing.Infra;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.E2E.Tests.Lifecycle;

/// <summary>Drives <c>_lifecycle</c> on the shared network as each org's admin would with the peer CLI: package and
/// install a chaincode-as-a-service package per org (each org runs its own asset-transfer server, registered with
/// its package id), approve for the org, commit with both peers' endorsements.</summary>
public sealed class LifecycleDriver(NetworkFixture network) : IAsyncDisposable
{
    private readonly ScratchDirectory scratch = new("e2e-lifecycle");
    private readonly List<NodeProcess> chaincodes = [];
    private readonly Dictionary<string, SigningIdentity> admins = [];

    public NetworkFixture Network => network;

    /// <summary>Admin@&lt;org&gt;, from the users folder next to the peer's MSP.</summary>
    public SigningIdentity Admin(PeerNode peer)
    {
        if (!admins.TryGetValue(peer.MspId, out SigningIdentity? admin))
        {
            string orgDir = Path.GetFullPath(Path.Combine(peer.MspDir, "..", "..", ".."));
            string domain = Path.GetFileName(orgDir);
            admin = MspDirectory.LoadSigningIdentity(Path.Combine(orgDir, "users", $"Admin@{domain}", "msp"), peer.MspId);
            admins[peer.MspId] = admin;
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
        string address = $"127.0.0.1:{port}";
        ProposalResponse installed = await ProcessAsync(peer, Admin(peer), string.Empty, "InstallChaincode",
            new InstallChaincodeArgs { ChaincodeInstallPackage = ByteString.CopyFrom(ChaincodePackages.Ccaas(label, address, indexes)) });
        Assert.True(installed.Response.Status == 200, $"install at {peer.MspId}: {installed.Response}\n{peer.LogTail()}");
        string packageId = InstallChaincodeResult.Parser.ParseFrom(installed.Response.Payload).PackageId;

        string name = $"cc-{peer.MspId}-{label}";
        NodeProcess server = NetworkNodes.StartChaincode(scratch, name, port, packageId);
        chaincodes.Add(server);
        await NetworkNodes.WaitUntilListeningAsync(server, port, TimeSpan.FromSeconds(60));
        return packageId;
    }

    /// <summary>The org's admin approves at its own peer; the approval transaction commits VALID on both peers.</summary>
    public async Task ApproveAsync(PeerNode peer, string name, string version, long sequence, string packageId)
    {
        var args = new ApproveChaincodeDefinitionForMyOrgArgs
        {
            Name = name,
            Version = version,
            Sequence = sequence,
            Source = new ChaincodeSource { LocalPackage = new ChaincodeSource.Types.Local { PackageId = packageId } },
        };
        ProposalDraft draft = LifecycleProposals.Create(Admin(peer), NetworkFixture.ChannelId, "ApproveChaincodeDefinitionForMyOrg", args);
        ProposalResponse[] responses = await FabricClient.EndorseAsync(draft, peer);
        CommittedTx[] commits = await FabricClient.SubmitAsync(network, ChaincodeProposals.Transaction(draft, Admin(peer), responses), draft.TxId);
        Assert.All(commits, c => Assert.Equal(TxValidationCode.Valid, c.ValidationCode));
    }

    public static CommitChaincodeDefinitionArgs Definition(string name, string version, long sequence) =>
        new() { Name = name, Version = version, Sequence = sequence };

    /// <summary>Commits with both peers' endorsements (LifecycleEndorsement is MAJORITY of two orgs).</summary>
    public async Task CommitAsync(string name, string version, long sequence)
    {
        ProposalDraft draft = LifecycleProposals.Create(Admin(network.Org1Peer), NetworkFixture.ChannelId, "CommitChaincodeDefinition", Definition(name, version, sequence));
        ProposalResponse[] responses = await FabricClient.EndorseAsync(draft, network.Org1Peer, network.Org2Peer);
        CommittedTx[] commits = await FabricClient.SubmitAsync(network, ChaincodeProposals.Transaction(draft, Admin(network.Org1Peer), responses), draft.TxId);
        Assert.All(commits, c => Assert.Equal(TxValidationCode.Valid, c.ValidationCode));
    }

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
        foreach (NodeProcess chaincode in chaincodes)
        {
            await chaincode.DisposeAsync();
        }

        foreach (SigningIdentity admin in admins.Values)
        {
            admin.Dispose();
        }

        scratch.Dispose();
    }
}
