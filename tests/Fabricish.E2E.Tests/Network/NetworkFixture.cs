using System.Net;
using System.Net.Http.Headers;
using Fabricish.Channels.Config;
using Fabricish.Channels.Genesis;
using Fabricish.Channels.Msp;
using Fabricish.E2E.Tests.Lifecycle;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer.Lifecycle;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Google.Protobuf;
using Grpc.Net.Client;

namespace Fabricish.E2E.Tests.Network;

/// <summary>The sample network as real processes: a one-broker Kafka 0.9 cluster (with ZooKeeper), one orderer, one
/// peer per organization (Org1, Org2) each with its own pouchdb-server and its own asset-transfer chaincode server,
/// on a channel created from a genesis block of samples/network/channel.yaml (TwoOrgsChannel) rewritten for the
/// test's ports. The orderer joins through its participation API, each peer through its admin API with a proposal its
/// organization's admin signed. Chaincode <see cref="Chaincode"/> is deployed through the lifecycle (each org installs
/// a package naming its own server, both approve, Org1 commits) and needs AND('Org1MSP.peer','Org2MSP.peer').</summary>
public sealed class NetworkFixture : ProcessNetworkFixture
{
    public const string ChannelId = "e2echannel";
    public const string Chaincode = NetworkNodes.Chaincode;
    public const string EndorsementPolicy = "AND('Org1MSP.peer','Org2MSP.peer')";

    private const string ChaincodeLabel = Chaincode + "_1.0";

    private readonly ScratchDirectory _scratch = new("e2e-network");
    private readonly Dictionary<string, NodeProcess> _chaincodes = [];
    private readonly Dictionary<string, int> _chaincodePorts = [];
    private readonly List<SigningIdentity> _identities = [];
    private KafkaCluster? _kafka;
    private NodeProcess? _orderer;
    private GrpcChannel? _ordererGrpc;
    private PeerNode? _org1;
    private PeerNode? _org2;
    private Block? _genesis;
    private int _ordererPort;

    public PeerNode Org1Peer => _org1 ?? throw NotStarted();

    public PeerNode Org2Peer => _org2 ?? throw NotStarted();

    public IReadOnlyList<PeerNode> Peers => [Org1Peer, Org2Peer];

    /// <summary>User1@org1.example.com: a client of Org1, the submitter of the tests' transactions.</summary>
    public SigningIdentity Org1User { get; private set; } = null!;

    public AtomicBroadcast.AtomicBroadcastClient Orderer { get; private set; } = null!;

    /// <summary>The channel's genesis block, for peers a test adds to the network.</summary>
    internal Block Genesis => _genesis ?? throw NotStarted();

    /// <summary>host:port of the orderer, for peers a test adds to the network.</summary>
    internal string OrdererAddress => NetworkNodes.Loopback(_ordererPort);

    /// <summary>The network's scratch folder (removed with the network).</summary>
    internal string ScratchPath => _scratch.FullPath;

    /// <summary>The MSP folders generated for <paramref name="domain"/>'s peer0 and its Admin user.</summary>
    internal (string PeerMsp, string AdminMsp) OrgMsps(string domain) =>
        (SampleCrypto.PeerMsp(Crypto, domain), SampleCrypto.UserMsp(Crypto, domain, "Admin"));

    /// <summary>The MSP folder of <paramref name="user"/>@<paramref name="domain"/> (e.g. User1, org1.example.com).</summary>
    internal string UserMspDir(string domain, string user) => SampleCrypto.UserMsp(Crypto, domain, user);

    private string Crypto => Path.Combine(_scratch.FullPath, "crypto");

    protected override async Task StopAsync()
    {
        await NetworkNodes.StopAsync(new[] { _org1, _org2 }.OfType<PeerNode>(), _chaincodes.Values, _ordererGrpc, _orderer, _kafka);
        foreach (SigningIdentity identity in _identities)
        {
            identity.Dispose();
        }

        NetworkNodes.KeepLogs(_scratch, prefix: string.Empty);
        _scratch.Dispose();
    }

    protected override async Task StartAsync()
    {
        Task<KafkaCluster> kafka = KafkaCluster.StartAsync(new KafkaClusterOptions { BrokerCount = 1 });
        Task<PouchDbServer> couch1 = PouchDbServer.StartAsync();
        Task<PouchDbServer> couch2 = PouchDbServer.StartAsync();

        string crypto = await SampleCryptoFixture.GenerateAsync(_scratch.FullPath);

        int[] ports = FreePorts.Take(8);
        int ordererPort = ports[0];
        int ordererAdminPort = ports[1];
        string org1Msp = SampleCrypto.PeerMsp(crypto, 1);
        string org2Msp = SampleCrypto.PeerMsp(crypto, 2);

        // Chaincode servers first: a peer dials its chaincode when the first proposal needs it.
        _chaincodePorts["Org1MSP"] = ports[6];
        _chaincodePorts["Org2MSP"] = ports[7];
        _chaincodes["Org1MSP"] = StartChaincode("Org1MSP");
        _chaincodes["Org2MSP"] = StartChaincode("Org2MSP");

        _kafka = await kafka;
        Block genesis = BuildGenesis(crypto, ordererPort, _kafka.BootstrapServers);
        _genesis = genesis;
        _ordererPort = ordererPort;

        _orderer = NetworkNodes.StartOrderer(_scratch, crypto, NetworkNodes.Loopback(ordererPort), NetworkNodes.Loopback(ordererAdminPort), _kafka.BootstrapServers);
        _ordererGrpc = GrpcChannel.ForAddress($"http://{NetworkNodes.Loopback(ordererPort)}");
        Orderer = new AtomicBroadcast.AtomicBroadcastClient(_ordererGrpc);

        _org1 = new PeerNode("Org1MSP", org1Msp, ports[2], ports[3], await couch1);
        _org2 = new PeerNode("Org2MSP", org2Msp, ports[4], ports[5], await couch2);
        StartPeer(_org1, ordererPort);
        StartPeer(_org2, ordererPort);

        await JoinOrdererAsync(crypto, ordererAdminPort, genesis);
        Org1User = Load(SampleCrypto.UserMsp(crypto, 1, "User1"), "Org1MSP");
        await Task.WhenAll(
            JoinPeerAsync(_org1, Load(SampleCrypto.AdminMsp(crypto, 1), "Org1MSP"), genesis),
            JoinPeerAsync(_org2, Load(SampleCrypto.AdminMsp(crypto, 2), "Org2MSP"), genesis));
        await DeployChaincodeAsync();
    }

    /// <summary>SIGKILLs the chaincode server <paramref name="peer"/> dials, as a crash would end it.</summary>
    public void KillChaincode(PeerNode peer) => _chaincodes[peer.MspId].Kill();

    /// <summary>Starts <paramref name="peer"/>'s chaincode server again on the same address with the same package id
    /// unless it is running, and waits until it accepts connections.</summary>
    public async Task StartChaincodeAsync(PeerNode peer)
    {
        NodeProcess current = _chaincodes[peer.MspId];
        if (!current.HasExited)
        {
            return;
        }

        await current.DisposeAsync();
        NodeProcess restarted = StartChaincode(peer.MspId);
        _chaincodes[peer.MspId] = restarted;
        await NetworkNodes.WaitUntilListeningAsync(restarted, _chaincodePorts[peer.MspId], NetworkNodes.StartTimeout);
    }

    /// <summary>The org's asset-transfer server, under the id of the package that points the org's peer at it.</summary>
    private NodeProcess StartChaincode(string mspId) =>
        NetworkNodes.StartChaincode(_scratch, "chaincode-" + mspId, _chaincodePorts[mspId], ChaincodePackages.PackageId(ChaincodeLabel, ChaincodeAddress(mspId)));

    private string ChaincodeAddress(string mspId) => NetworkNodes.Loopback(_chaincodePorts[mspId]);

    /// <summary>Each org's admin installs the package of its own chaincode server and approves; Org1's admin commits
    /// the definition with both peers' endorsements, under <see cref="EndorsementPolicy"/>.</summary>
    private async Task DeployChaincodeAsync()
    {
        CommitChaincodeDefinitionArgs definition = LifecycleSteps.Definition(Chaincode, "1.0", 1, EndorsementPolicy);
        foreach (PeerNode peer in Peers)
        {
            using SigningIdentity admin = LifecycleSteps.LoadAdmin(peer);
            string packageId = await LifecycleSteps.InstallAsync(peer, admin, ChaincodeLabel, ChaincodeAddress(peer.MspId));
            await LifecycleSteps.ApproveAsync(peer, admin, ChannelId, definition, packageId, SubmitAsync);
        }

        using SigningIdentity committer = LifecycleSteps.LoadAdmin(Org1Peer);
        await LifecycleSteps.CommitAsync(committer, ChannelId, definition, Peers, SubmitAsync);
    }

    /// <summary>Broadcasts a transaction and waits until both peers have committed it.</summary>
    internal Task<CommittedTx[]> SubmitAsync(Envelope envelope, string txId) => FabricClient.SubmitAsync(this, envelope, txId);

    /// <summary>The gateway reaches the other organisation's peer at the configured address (the channel's anchor peers
    /// are not resolvable).</summary>
    private void StartPeer(PeerNode peer, int ordererPort) =>
        NetworkNodes.StartPeer(_scratch, peer, NetworkNodes.Loopback(ordererPort), new Dictionary<string, string>
        {
            ["FABRICISH_Peer__Gateway__Peers__0__MspId"] = _org1!.MspId,
            ["FABRICISH_Peer__Gateway__Peers__0__Address"] = NetworkNodes.Loopback(_org1.GrpcPort),
            ["FABRICISH_Peer__Gateway__Peers__1__MspId"] = _org2!.MspId,
            ["FABRICISH_Peer__Gateway__Peers__1__Address"] = NetworkNodes.Loopback(_org2.GrpcPort),
        });

    private async Task JoinOrdererAsync(string crypto, int adminPort, Block genesis)
    {
        using OrdererAdminTls tls = NetworkNodes.AdminTls(crypto);
        using HttpClient admin = tls.CreateAdminClient(adminPort, TimeSpan.FromSeconds(30));
        await _orderer!.WaitUntilAsync("the orderer's participation API", async () => (await admin.GetAsync("/participation/v1/channels")).IsSuccessStatusCode, NetworkNodes.StartTimeout);
        using HttpResponseMessage joined = await ChannelParticipation.JoinAsync(admin, genesis);
        Assert.True(joined.StatusCode == HttpStatusCode.Created, $"orderer join: {joined.StatusCode} {await joined.Content.ReadAsStringAsync()}");
        await _orderer.WaitUntilAsync("the orderer's /healthz", async () => (await admin.GetAsync("/healthz")).IsSuccessStatusCode, NetworkNodes.StartTimeout);
    }

    internal async Task JoinPeerAsync(PeerNode peer, SigningIdentity admin, Block genesis)
    {
        await NetworkNodes.WaitForAdminApiAsync(peer);
        var body = new ByteArrayContent(Proposals.JoinChain(admin, genesis.ToByteArray()).ToByteArray());
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using HttpResponseMessage joined = await peer.Operations.PostAsync("/peer/v1/channels", body);
        Assert.True(joined.StatusCode == HttpStatusCode.Created, $"{peer.MspId} peer join: {joined.StatusCode} {await joined.Content.ReadAsStringAsync()}");
        await NetworkNodes.WaitForChannelActiveAsync(peer, ChannelId);
    }

    /// <summary>TwoOrgsChannel with the orderer endpoint and Kafka brokers of this run and a short batch timeout.</summary>
    private Block BuildGenesis(string crypto, int ordererPort, string kafkaBrokers)
    {
        string path = NetworkNodes.ChannelYaml(_scratch.FullPath, NetworkNodes.Loopback(ordererPort), kafkaBrokers);
        ConfigResult<Block> genesis = GenesisFromProfile.Build(path, "TwoOrgsChannel", ChannelId, crypto);
        Assert.True(genesis.IsOk, genesis.Error);
        return genesis.Value!;
    }

    internal SigningIdentity Load(string mspDir, string mspId)
    {
        SigningIdentity identity = MspDirectory.LoadSigningIdentity(mspDir, mspId);
        _identities.Add(identity);
        return identity;
    }

    private static InvalidOperationException NotStarted() => new("the network is not started");
}
