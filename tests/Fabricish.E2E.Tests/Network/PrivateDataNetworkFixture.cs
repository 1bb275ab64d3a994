using System.Text;
using Fabricish.Channels.Msp;
using Fabricish.E2E.Tests.Lifecycle;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Fabricish.Protos.Peer.Lifecycle;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Fabricish.Testing.Policies;
using Fabricish.Testing.Transactions;
using Google.Protobuf;
using Grpc.Net.Client;

namespace Fabricish.E2E.Tests.Network;

/// <summary>
/// A three-org network of its own for private data collections: one Kafka broker, one orderer, a channel of Org1, Org2
/// and Org3 made by <c>channel create</c>, and samples/privatedata deployed through the lifecycle with two collections of
/// Org1 and Org2 (<see cref="Shared"/>, kept for ever, and <see cref="ShortLived"/>, blockToLive
/// <see cref="BlockToLive"/>), under an endorsement policy any one org's peer satisfies. Org1's and Org3's peers keep
/// state in CouchDB, Org2's in the embedded store, so purges run on both. Org1's peer tampers with every private write
/// set it pushes (<c>Peer:FaultInjection:TamperPrivateDataPush</c>); Org2's reconciles every second and gives up
/// pulling at commit after 2 s. All peers name each other for dissemination (<c>Peer:Gateway:Peers</c>).
/// </summary>
public sealed class PrivateDataNetworkFixture : ProcessNetworkFixture
{
    public const string ChannelId = NetworkFixture.ChannelId;
    public const string Chaincode = "secrets";
    public const string Shared = "Org1Org2Secrets";
    public const string ShortLived = "Org1Org2ShortLived";

    /// <summary>A collection of Org1 and Org2 that <see cref="AddOrg3ToLaterAsync"/> opens to Org3.</summary>
    public const string Later = "Org1Org2ThenOrg3";
    public const ulong BlockToLive = 2;

    private const string Label = Chaincode + "_1.0";
    private const string MemberPolicy = "OR('Org1MSP.member','Org2MSP.member')";
    private const string AllMembersPolicy = "OR('Org1MSP.member','Org2MSP.member','Org3MSP.member')";

    private readonly ScratchDirectory _scratch = new("e2e-pvtdata");
    private readonly List<PeerNode> _peers = [];
    private readonly List<Dictionary<string, string>> _settings = [];
    private NodeProcess? _chaincode;
    private string _chaincodeAddress = string.Empty;
    private string _packageId = string.Empty;
    private KafkaCluster? _kafka;
    private NodeProcess? _orderer;
    private GrpcChannel? _ordererGrpc;

    public PeerNode Org1Peer => _peers[0];

    public PeerNode Org2Peer => _peers[1];

    public PeerNode Org3Peer => _peers[2];

    public IReadOnlyList<PeerNode> Peers => _peers;

    public SigningIdentity Org1User { get; private set; } = null!;

    public string OrdererAddress { get; private set; } = string.Empty;

    public AtomicBroadcast.AtomicBroadcastClient Orderer { get; private set; } = null!;

    private string Crypto => Path.Combine(_scratch.FullPath, "crypto");

    private string GenesisBlock => Path.Combine(_scratch.FullPath, "genesis.block");

    protected override async Task StopAsync()
    {
        await NetworkNodes.StopAsync(_peers, _chaincode is null ? [] : [_chaincode], _ordererGrpc, _orderer, _kafka);
        Org1User?.Dispose();
        NetworkNodes.KeepLogs(_scratch, prefix: "pvtdata-");
        _scratch.Dispose();
    }

    /// <summary>Org1's peer endorses CreateSecret with <paramref name="secret"/> in the transient map; the transaction
    /// is broadcast and must commit VALID on each of <paramref name="waitOn"/>.</summary>
    public async Task<(string TxId, ulong Block)> CreateSecretAsync(string collection, string id, string secret, params PeerNode[] waitOn)
    {
        ProposalDraft draft = ChaincodeProposals.Create(
            Org1User, ChannelId, Chaincode, [ByteString.CopyFromUtf8("CreateSecret"), ByteString.CopyFromUtf8(collection), ByteString.CopyFromUtf8(id)],
            transient: [new KeyValuePair<string, byte[]>("secret", Encoding.UTF8.GetBytes(secret))]);
        ProposalResponse[] responses = await FabricClient.EndorseAsync(draft, Org1Peer);
        CommittedTx[] commits = await FabricClient.SubmitAsync(Orderer, Org1User, ChaincodeProposals.Transaction(draft, Org1User, responses), draft.TxId, waitOn);
        Assert.All(commits, c => Assert.Equal(TxValidationCode.Valid, c.ValidationCode));
        return (draft.TxId, commits[0].BlockNumber);
    }

    /// <summary>Evaluates <paramref name="function"/>(collection, id) at <paramref name="peer"/> as Org1's User1.</summary>
    public Task<ProposalResponse> EvaluateAsync(PeerNode peer, string function, string collection, string id) =>
        FabricClient.ProcessAsync(peer, ChaincodeProposals.Create(Org1User, ChannelId, Chaincode, function, collection, id));

    /// <summary>The whole log the peer wrote so far.</summary>
    public string Log(PeerNode peer)
    {
        string path = Path.Combine(_scratch.FullPath, "peer-" + peer.MspId, "peer-" + peer.MspId + ".log");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async Task StopAsync(PeerNode peer) => await peer.Process.DisposeAsync();

    /// <summary>Starts a stopped peer again on its data folder and waits for the channel to be served.</summary>
    public async Task StartAsync(PeerNode peer)
    {
        NetworkNodes.StartPeer(_scratch, peer, OrdererAddress, _settings[_peers.IndexOf(peer)]);
        await NetworkNodes.WaitForAdminApiAsync(peer);
        await NetworkNodes.WaitForChannelActiveAsync(peer, ChannelId);
    }

    protected override async Task StartAsync()
    {
        Task<KafkaCluster> kafka = KafkaCluster.StartAsync(new KafkaClusterOptions { BrokerCount = 1 });
        Task<PouchDbServer>[] couches = [PouchDbServer.StartAsync(), PouchDbServer.StartAsync(), PouchDbServer.StartAsync()];

        await SampleCryptoFixture.GenerateAsync(_scratch.FullPath, 3);

        int[] ports = FreePorts.Take(9);
        OrdererAddress = NetworkNodes.Loopback(ports[0]);
        _chaincodeAddress = NetworkNodes.Loopback(ports[8]);
        string packageId = ChaincodePackages.PackageId(Label, _chaincodeAddress);
        _chaincode = NodeProcess.Start("chaincode-secrets", _scratch.Sub("chaincode-secrets"), "Fabricish.Samples.PrivateData.dll", [], new Dictionary<string, string>
        {
            ["CHAINCODE_SERVER_ADDRESS"] = _chaincodeAddress,
            ["CHAINCODE_ID"] = packageId,
        });

        _kafka = await kafka;
        _orderer = NetworkNodes.StartOrderer(_scratch, Crypto, OrdererAddress, NetworkNodes.Loopback(ports[1]), _kafka.BootstrapServers);
        _ordererGrpc = GrpcChannel.ForAddress($"http://{OrdererAddress}");
        Orderer = new AtomicBroadcast.AtomicBroadcastClient(_ordererGrpc);

        for (int org = 1; org <= 3; org++)
        {
            _peers.Add(new PeerNode($"Org{org}MSP", PeerMsp(org), ports[2 * org], ports[(2 * org) + 1], await couches[org - 1]));
        }

        for (int org = 1; org <= 3; org++)
        {
            var settings = new Dictionary<string, string>();
            int index = 0;
            foreach (PeerNode other in _peers.Where((_, i) => i != org - 1))
            {
                settings[$"FABRICISH_Peer__Gateway__Peers__{index}__MspId"] = other.MspId;
                settings[$"FABRICISH_Peer__Gateway__Peers__{index}__Address"] = NetworkNodes.Loopback(other.GrpcPort);
                index++;
            }

            if (org == 1)
            {
                settings["FABRICISH_Peer__FaultInjection__TamperPrivateDataPush"] = "true";
            }

            if (org == 3)
            {
                settings["FABRICISH_Peer__PrivateData__ReconcileSleepInterval"] = "00:00:01";
            }

            if (org == 2)
            {
                settings["FABRICISH_Peer__StateDatabase"] = "Embedded";
                settings["FABRICISH_Peer__PrivateData__ReconcileSleepInterval"] = "00:00:01";
                settings["FABRICISH_Peer__PrivateData__PullRetryThreshold"] = "00:00:02";
            }

            _settings.Add(settings);
            NetworkNodes.StartPeer(_scratch, _peers[org - 1], OrdererAddress, settings);
        }

        Org1User = MspDirectory.LoadSigningIdentity(UserMsp(1, "User1"), "Org1MSP");
        using (OrdererAdminTls tls = NetworkNodes.AdminTls(Crypto))
        using (HttpClient admin = tls.CreateAdminClient(ports[1], TimeSpan.FromSeconds(100)))
        {
            await _orderer.WaitUntilAsync("the orderer's participation API", async () => (await admin.GetAsync("/participation/v1/channels")).IsSuccessStatusCode, NetworkNodes.StartTimeout);
            await CliRun.SucceedAsync(
            [
                "channel", "create", "-c", ChannelId, "--profile", "ThreeOrgsChannel", "--configtx", ThreeOrgsChannelYaml(_kafka.BootstrapServers),
                "--crypto", Crypto, "-o", NetworkNodes.Loopback(ports[1]), "--output-block", GenesisBlock, .. tls.CliArguments,
            ]);
            await _orderer.WaitUntilAsync("the orderer's /healthz", async () => (await admin.GetAsync("/healthz")).IsSuccessStatusCode, NetworkNodes.StartTimeout);
        }

        await Task.WhenAll(_peers.Select((p, i) => JoinAsync(p, i + 1)));
        _packageId = packageId;
        foreach (PeerNode peer in _peers)
        {
            using SigningIdentity admin = LifecycleSteps.LoadAdmin(peer);
            Assert.Equal(packageId, await LifecycleSteps.InstallAsync(peer, admin, Label, _chaincodeAddress));
        }

        await DeployAsync(packageId, 1, MemberPolicy);
    }

    /// <summary>A new definition (sequence 2) whose <see cref="Later"/> collection has Org3 among its members, approved
    /// by every org and committed.</summary>
    public Task AddOrg3ToLaterAsync() => DeployAsync(_packageId, 2, AllMembersPolicy);

    /// <summary>Every org approves the definition with its collections; Org1 commits it with Org1's and Org2's
    /// endorsements (a majority of three).</summary>
    private async Task DeployAsync(string packageId, long sequence, string laterMembers)
    {
        CommitChaincodeDefinitionArgs definition = LifecycleSteps.Definition(Chaincode, "1.0", sequence, "OR('Org1MSP.peer','Org2MSP.peer','Org3MSP.peer')");
        definition.Collections = new CollectionConfigPackage { Config = { Collection(Shared, 0), Collection(ShortLived, BlockToLive), Collection(Later, 0, laterMembers) } };
        PeerNode[] all = [.. _peers];
        foreach (PeerNode peer in _peers)
        {
            using SigningIdentity admin = LifecycleSteps.LoadAdmin(peer);
            var args = new ApproveChaincodeDefinitionForMyOrgArgs
            {
                Name = definition.Name,
                Version = definition.Version,
                Sequence = definition.Sequence,
                ValidationParameter = definition.ValidationParameter,
                Collections = definition.Collections,
                Source = new ChaincodeSource { LocalPackage = new ChaincodeSource.Types.Local { PackageId = packageId } },
            };
            ProposalDraft draft = LifecycleProposals.Create(admin, ChannelId, "ApproveChaincodeDefinitionForMyOrg", args);
            ProposalResponse[] responses = await FabricClient.EndorseAsync(draft, peer);
            CommittedTx[] commits = await FabricClient.SubmitAsync(Orderer, Org1User, ChaincodeProposals.Transaction(draft, admin, responses), draft.TxId, all);
            Assert.All(commits, c => Assert.Equal(TxValidationCode.Valid, c.ValidationCode));
        }

        using SigningIdentity org1Admin = LifecycleSteps.LoadAdmin(Org1Peer);
        await LifecycleSteps.CommitAsync(org1Admin, ChannelId, definition, [Org1Peer, Org2Peer],
            (envelope, txId) => FabricClient.SubmitAsync(Orderer, Org1User, envelope, txId, all));
    }

    private static CollectionConfig Collection(string name, ulong blockToLive, string members = MemberPolicy) => new()
    {
        StaticCollectionConfig = new StaticCollectionConfig
        {
            Name = name,
            MemberOrgsPolicy = new CollectionPolicyConfig { SignaturePolicy = DefinedEndorsementPolicies.SignaturePolicy(members).SignaturePolicy },
            RequiredPeerCount = 0,
            MaximumPeerCount = 2,
            BlockToLive = blockToLive,
            MemberOnlyRead = false,
            MemberOnlyWrite = false,
        },
    };

    private async Task JoinAsync(PeerNode peer, int org)
    {
        await NetworkNodes.WaitForAdminApiAsync(peer);
        await CliRun.SucceedAsync("channel", "join", "-b", GenesisBlock, "--peer", NetworkNodes.Loopback(peer.GrpcPort), "--msp-dir", UserMsp(org, "Admin"), "--msp-id", peer.MspId);
        await NetworkNodes.WaitForChannelActiveAsync(peer, ChannelId);
    }

    /// <summary>The sample channel profiles with Org3 defined as Org2 is, and a ThreeOrgsChannel profile.</summary>
    private string ThreeOrgsChannelYaml(string kafkaBrokers)
    {
        string path = NetworkNodes.ChannelYaml(_scratch.FullPath, OrdererAddress, kafkaBrokers);
        string yaml = File.ReadAllText(path);
        int start = yaml.IndexOf("  - &Org2", StringComparison.Ordinal);
        int end = yaml.IndexOf("\nCapabilities:", StringComparison.Ordinal);
        string org3 = yaml[start..end].Replace("Org2", "Org3", StringComparison.Ordinal).Replace("org2", "org3", StringComparison.Ordinal);
        yaml = yaml.Insert(end, "\n" + org3.TrimEnd() + "\n");
        yaml += """

          ThreeOrgsChannel:
            <<: *ChannelDefaults
            Orderer:
              <<: *OrdererDefaults
              Organizations:
                - *OrdererOrg
              Capabilities: *OrdererCapabilities
            Application:
              <<: *ApplicationDefaults
              Organizations:
                - *Org1
                - *Org2
                - *Org3
              Capabilities: *ApplicationCapabilities

        """;
        File.WriteAllText(path, yaml);
        return path;
    }

    private string PeerMsp(int org) => SampleCrypto.PeerMsp(Crypto, org);

    private string UserMsp(int org, string user) => SampleCrypto.UserMsp(Crypto, org, user);
}
