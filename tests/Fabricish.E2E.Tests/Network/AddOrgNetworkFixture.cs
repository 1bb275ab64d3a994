using System.Text.Json.Nodes;
using Fabricish.Channels.Crypto.Generation;
using Fabricish.Channels.Msp;
using Fabricish.E2E.Tests.Lifecycle;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Fabricish.Protos.Peer.Lifecycle;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Grpc.Net.Client;

namespace Fabricish.E2E.Tests.Network;

/// <summary>
/// A network of its own for channel configuration changes, set up with the fabricish CLI as an operator would: crypto
/// for Org1–Org4, one Kafka broker, one orderer, peers of Org1 and Org2 on a channel made by <c>channel create</c>
/// (TwoOrgsChannel) and joined with <c>channel join</c>, and a peer of Org3 running but on no channel — Org3 is not
/// a member until a config update adds it. Chaincode <see cref="Chaincode"/> needs all three orgs' peers, so a
/// transaction is only valid once every peer knows Org3's MSP. Its own network, because its tests change the channel.
/// </summary>
public sealed class AddOrgNetworkFixture : ProcessNetworkFixture
{
    public const string ChannelId = NetworkFixture.ChannelId;
    public const string Chaincode = NetworkNodes.Chaincode;
    public const string EndorsementPolicy = "AND('Org1MSP.peer','Org2MSP.peer','Org3MSP.peer')";

    private const string ChaincodeLabel = Chaincode + "_1.0";

    private static readonly CommitChaincodeDefinitionArgs Definition = LifecycleSteps.Definition(Chaincode, "1.0", 1, EndorsementPolicy);

    private readonly ScratchDirectory _scratch = new("e2e-addorg");
    private readonly List<NodeProcess> _chaincodes = [];
    private readonly int[] _chaincodePorts = new int[3];
    private readonly string[] _packageIds = new string[3];
    private KafkaCluster? _kafka;
    private NodeProcess? _orderer;
    private GrpcChannel? _ordererGrpc;
    private readonly List<PeerNode> _peers = [];

    public string Crypto => Path.Combine(_scratch.FullPath, "crypto");

    public string Dir => _scratch.FullPath;

    public string GenesisBlock => Path.Combine(_scratch.FullPath, "genesis.block");

    /// <summary>The orderer's gRPC endpoint (Broadcast, Deliver), host:port.</summary>
    public string OrdererAddress { get; private set; } = string.Empty;

    public PeerNode Org1Peer => _peers[0];

    public PeerNode Org2Peer => _peers[1];

    /// <summary>Running, joined to no channel.</summary>
    public PeerNode Org3Peer => _peers[2];

    public SigningIdentity Org1User { get; private set; } = null!;

    public AtomicBroadcast.AtomicBroadcastClient Orderer { get; private set; } = null!;

    /// <summary>The MSP folder of Admin@org{n}.example.com.</summary>
    public string AdminMsp(int org) => SampleCrypto.AdminMsp(Crypto, org);

    public string OrgMsp(int org) => SampleCrypto.OrgMsp(Crypto, org);

    protected override async Task StopAsync()
    {
        await NetworkNodes.StopAsync(_peers, _chaincodes, _ordererGrpc, _orderer, _kafka);
        Org1User?.Dispose();
        NetworkNodes.KeepLogs(_scratch, prefix: "addorg-");
        _scratch.Dispose();
    }

    /// <summary>Broadcasts a transaction and waits until each of <paramref name="peers"/> has committed it.</summary>
    public Task<CommittedTx[]> SubmitAsync(Envelope envelope, string txId, params PeerNode[] peers) =>
        FabricClient.SubmitAsync(Orderer, Org1User, envelope, txId, peers);

    /// <summary>Org <paramref name="org"/>'s admin installs the chaincode's package at its peer (pointing it at the org's
    /// chaincode server) and approves the committed definition, so that peer can endorse it; the approval commits VALID
    /// on <paramref name="peers"/>.</summary>
    public async Task ApproveChaincodeAsync(int org, params PeerNode[] peers)
    {
        PeerNode peer = _peers[org - 1];
        using SigningIdentity admin = LifecycleSteps.LoadAdmin(peer);
        string packageId = await LifecycleSteps.InstallAsync(peer, admin, ChaincodeLabel, NetworkNodes.Loopback(_chaincodePorts[org - 1]));
        Assert.Equal(_packageIds[org - 1], packageId);
        await LifecycleSteps.ApproveAsync(peer, admin, ChannelId, Definition, packageId, (envelope, txId) => SubmitAsync(envelope, txId, peers));
    }

    /// <summary>The peer's <c>channel getinfo</c> JSON (qscc, asked as the admin of its org <paramref name="org"/>) once
    /// its height reaches <paramref name="height"/>.</summary>
    public async Task<JsonNode> WaitForHeightAsync(PeerNode peer, int org, ulong height)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        CliRun.Outcome last;
        do
        {
            last = await CliRun.RunAsync(
                "channel", "getinfo", "-c", ChannelId, "--peer", NetworkNodes.Loopback(peer.GrpcPort), "--msp-dir", AdminMsp(org), "--msp-id", peer.MspId, "--output", "json");
            if (last.ExitCode == 0 && JsonNode.Parse(last.Stdout) is { } info && info["height"]!.GetValue<ulong>() >= height)
            {
                return info;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"{peer.MspId} peer did not reach height {height}: {last}\n{peer.LogTail()}");
        return null!;
    }

    protected override async Task StartAsync()
    {
        Task<KafkaCluster> kafka = KafkaCluster.StartAsync(new KafkaClusterOptions { BrokerCount = 1 });
        Task<PouchDbServer>[] couches = [PouchDbServer.StartAsync(), PouchDbServer.StartAsync(), PouchDbServer.StartAsync()];

        await SampleCryptoFixture.GenerateAsync(Dir, 3, 4);

        int[] ports = FreePorts.Take(11);
        int ordererPort = ports[0];
        OrdererAddress = NetworkNodes.Loopback(ordererPort);
        for (int org = 1; org <= 3; org++)
        {
            // Each org's server runs under the id of the package that points its peer at it.
            _chaincodePorts[org - 1] = ports[7 + org];
            _packageIds[org - 1] = ChaincodePackages.PackageId(ChaincodeLabel, NetworkNodes.Loopback(_chaincodePorts[org - 1]));
            _chaincodes.Add(NetworkNodes.StartChaincode(_scratch, $"chaincode-Org{org}MSP", _chaincodePorts[org - 1], _packageIds[org - 1]));
        }

        _kafka = await kafka;
        _orderer = NetworkNodes.StartOrderer(_scratch, Crypto, OrdererAddress, NetworkNodes.Loopback(ports[1]), _kafka.BootstrapServers);
        _ordererGrpc = GrpcChannel.ForAddress($"http://{OrdererAddress}");
        Orderer = new AtomicBroadcast.AtomicBroadcastClient(_ordererGrpc);

        for (int org = 1; org <= 3; org++)
        {
            var peer = new PeerNode($"Org{org}MSP", SampleCrypto.PeerMsp(Crypto, org), ports[2 * org], ports[(2 * org) + 1], await couches[org - 1]);
            _peers.Add(peer);
            NetworkNodes.StartPeer(_scratch, peer, OrdererAddress);
        }

        Org1User = MspDirectory.LoadSigningIdentity(SampleCrypto.UserMsp(Crypto, 1, "User1"), "Org1MSP");
        using (OrdererAdminTls tls = NetworkNodes.AdminTls(Crypto))
        using (HttpClient admin = tls.CreateAdminClient(ports[1], TimeSpan.FromSeconds(100)))
        {
            await _orderer.WaitUntilAsync("the orderer's participation API", async () => (await admin.GetAsync("/participation/v1/channels")).IsSuccessStatusCode, NetworkNodes.StartTimeout);
            await CliRun.SucceedAsync(
            [
                "channel", "create", "-c", ChannelId, "--profile", "TwoOrgsChannel", "--configtx", NetworkNodes.ChannelYaml(Dir, OrdererAddress, _kafka.BootstrapServers),
                "--crypto", Crypto, "-o", NetworkNodes.Loopback(ports[1]), "--output-block", GenesisBlock, .. tls.CliArguments,
            ]);
            await _orderer.WaitUntilAsync("the orderer's /healthz", async () => (await admin.GetAsync("/healthz")).IsSuccessStatusCode, NetworkNodes.StartTimeout);
        }

        await Task.WhenAll(JoinAsync(Org1Peer, 1), JoinAsync(Org2Peer, 2), NetworkNodes.WaitForAdminApiAsync(Org3Peer));
        await DeployChaincodeAsync();
    }

    /// <summary>Org1 and Org2 install, approve and commit <see cref="Chaincode"/> under <see cref="EndorsementPolicy"/>,
    /// which already names Org3: until Org3 is on the channel and approved, no transaction of it is valid.</summary>
    private async Task DeployChaincodeAsync()
    {
        PeerNode[] members = [Org1Peer, Org2Peer];
        for (int org = 1; org <= 2; org++)
        {
            await ApproveChaincodeAsync(org, members);
        }

        using SigningIdentity admin = LifecycleSteps.LoadAdmin(Org1Peer);
        await LifecycleSteps.CommitAsync(admin, ChannelId, Definition, members, (envelope, txId) => SubmitAsync(envelope, txId, members));
    }

    /// <summary><c>channel join</c> as the org's admin, then waits for the channel to be active on the peer.</summary>
    public async Task JoinAsync(PeerNode peer, int org)
    {
        await NetworkNodes.WaitForAdminApiAsync(peer);
        await CliRun.SucceedAsync("channel", "join", "-b", GenesisBlock, "--peer", NetworkNodes.Loopback(peer.GrpcPort), "--msp-dir", AdminMsp(org), "--msp-id", peer.MspId);
        await NetworkNodes.WaitForChannelActiveAsync(peer, ChannelId);
    }
}
