using Fabricish.Channels.Config;
using Fabricish.Peer.Tests.Committing.Support;
using Fabricish.Peer.Tests.Gateway.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Fabricish.Testing.Transactions;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Peer.Tests.Tls;

/// <summary>
/// One orderer and one Org1 peer, both serving TLS only, with cryptogen-shaped TLS material issued by their
/// organizations' CAs (which the channel configuration lists as the MSPs' TLS roots). The peer's RootCertFile is its
/// own CA, so it can trust the orderer only through the channel configuration, as Fabric's peers do. Started once per
/// test class, on first use, against the shared Kafka cluster; the channel is joined and ordering blocks.
/// </summary>
public sealed class TlsNetworkFixture : IAsyncLifetime
{
    public const string ChannelId = "tls-channel";

    private readonly ScratchDirectory _scratch = new("tls-network");
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PouchDbServer? _couchDb;
    private OrdererAdminTls? _ordererAdminTls;
    private bool _started;

    internal TestNetwork Network { get; } = new(adjust: SampleChannel.SmallBlocksQuickly);

    internal TlsNode Orderer { get; private set; } = null!;

    internal TlsNode Peer { get; private set; } = null!;

    internal TlsFiles OrdererTls { get; private set; } = null!;

    internal TlsFiles PeerTls { get; private set; } = null!;

    internal Block Genesis { get; private set; } = null!;

    internal ChannelConfig Config { get; private set; } = null!;

    internal string Scratch => _scratch.FullPath;

    public Task InitializeAsync() => Task.CompletedTask;

    internal async Task StartAsync(KafkaCluster cluster)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_started)
            {
                await StartNodesAsync(cluster);
                _started = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A gRPC channel to a node's TLS listener for a client that trusts <paramref name="caPem"/>.</summary>
    internal static GrpcChannel Client(TlsNode node, string caPem) =>
        Fabricish.Client.GrpcConnections.Create("grpcs://" + node.Endpoint, caPem);

    /// <summary>Broadcasts until the orderer accepts (the Kafka chain of a new channel takes a moment to start).</summary>
    internal static async Task<BroadcastResponse> BroadcastAsync(GrpcChannel channel, Envelope envelope)
    {
        var client = new AtomicBroadcast.AtomicBroadcastClient(channel);
        for (int attempt = 0; ; attempt++)
        {
            using AsyncDuplexStreamingCall<Envelope, BroadcastResponse> call = client.Broadcast();
            await call.RequestStream.WriteAsync(envelope);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "the broadcast stream ended without a response");
            BroadcastResponse response = call.ResponseStream.Current;
            await call.RequestStream.CompleteAsync();
            if (response.Status != Status.ServiceUnavailable || attempt >= 120)
            {
                return response;
            }

            await Task.Delay(500);
        }
    }

    /// <summary>The call fails before any answer: refused in the TLS handshake (surfacing as a gRPC error or, when the
    /// server drops the connection after a TLS 1.3 handshake, as the HTTP/2 connection failing).</summary>
    internal static async Task<Exception> AssertRefusedAsync(Func<Task> call)
    {
        Exception error = await Assert.ThrowsAnyAsync<Exception>(call);
        Assert.True(error is RpcException or IOException, $"expected the connection to be refused, got {error}");
        return error;
    }

    public async Task DisposeAsync()
    {
        if (_started)
        {
            await Peer.DisposeAsync();
            await Orderer.DisposeAsync();
        }

        if (_couchDb is not null)
        {
            await _couchDb.DisposeAsync();
        }

        Network.Dispose();
        _ordererAdminTls?.Dispose();
        _gate.Dispose();
        _scratch.Dispose();
    }

    private async Task StartNodesAsync(KafkaCluster cluster)
    {
        OrdererTls = TlsFiles.Write(_scratch.Sub("orderer-tls"), Network.OrdererOrg.Ca, "orderer0.example.com");
        PeerTls = TlsFiles.Write(_scratch.Sub("peer-tls"), Network.Org1.Ca, "peer0.org1.example.com");
        Genesis = Network.Channel.GenesisFor(ChannelId);
        ConfigResult<ChannelConfig> config = ChannelConfig.FromBlock(Genesis);
        Assert.True(config.IsOk, config.Error);
        Config = config.Value!;

        string ordererMsp = Network.OrdererOrg.WriteLocalMsp(_scratch.Sub("orderer-msp"), Network.Orderer);
        _ordererAdminTls = OrdererAdminTls.Write(_scratch.Sub("orderer-admin-tls"));
        var ordererSettings = new Dictionary<string, string?>(_ordererAdminTls.Settings)
        {
            ["Orderer:DataDir"] = _scratch.Sub("orderer-data"),
            ["Orderer:MspDir"] = ordererMsp,
            ["Orderer:MspId"] = Network.Orderer.MspId,
            ["Orderer:KafkaBootstrapServers"] = cluster.BootstrapServers,
            ["Orderer:KafkaProtocol"] = "Legacy09",
            ["Orderer:Tls:Enabled"] = "true",
            ["Orderer:Tls:CertFile"] = OrdererTls.CertFile,
            ["Orderer:Tls:KeyFile"] = OrdererTls.KeyFile,
            ["Orderer:Tls:RootCAs"] = OrdererTls.CaFile,
        };
        Orderer = await TlsNode.StartOrdererAsync(ordererSettings);
        await JoinOrdererAsync();

        _couchDb = await PouchDbServer.StartAsync();
        string peerMsp = Network.Org1.WriteLocalMsp(_scratch.Sub("peer-msp"), Network.Org1Peer);
        Peer = await TlsNode.StartPeerAsync(new Dictionary<string, string?>
        {
            ["Peer:DataDir"] = _scratch.Sub("peer-data"),
            ["Peer:MspDir"] = peerMsp,
            ["Peer:MspId"] = Network.Org1Peer.MspId,
            ["Peer:CouchDbAddress"] = _couchDb.BaseAddress.ToString(),
            ["Peer:CouchDbUsername"] = _couchDb.Username,
            ["Peer:CouchDbPassword"] = _couchDb.Password,
            // A bare host:port: dialled with TLS because the peer's TLS is on.
            ["Peer:OrdererEndpoints"] = Orderer.Endpoint,
            ["Peer:DeliverRetryMaxDelay"] = "00:00:01",
            ["Peer:Tls:Enabled"] = "true",
            ["Peer:Tls:CertFile"] = PeerTls.CertFile,
            ["Peer:Tls:KeyFile"] = PeerTls.KeyFile,
            ["Peer:Tls:RootCertFile"] = PeerTls.CaFile,
        });
        CliRun.Outcome joined = await JoinPeerAsync();
        Assert.True(joined.ExitCode == 0, joined.Stderr);
        await DefineChaincodeAsync();
    }

    /// <summary>Commits the definition of <see cref="TestNetwork.Chaincode"/> (both orgs' peers must endorse) through
    /// the TLS orderer, as a lifecycle commit would, and waits until the peer has committed it.</summary>
    private async Task DefineChaincodeAsync()
    {
        EndorsedTransaction definition = ChaincodeDefinitionTransaction.Create(
            Network.Org1Admin, ChannelId, TestNetwork.Chaincode, TestNetwork.BothOrgsPolicy, [Network.Org1Peer, Network.Org2Peer]);
        using (GrpcChannel orderer = Client(Orderer, OrdererTls.CaPem))
        {
            BroadcastResponse response = await BroadcastAsync(orderer, definition.Build());
            Assert.True(response.Status == Status.Success, $"the orderer refused the chaincode definition: {response}");
        }

        using GrpcChannel peer = Client(Peer, PeerTls.CaPem);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        CommitStatusResponse status = await new Protos.Gateway.Gateway.GatewayClient(peer).CommitStatusAsync(
            GatewayRequests.CommitStatus(Network.Org1Client, definition.TxId, channelId: ChannelId), cancellationToken: timeout.Token);
        Assert.Equal(TxValidationCode.Valid, status.Result);
    }

    // As up does: osnadmin's flags with the orderer org Admin's TLS client pair.
    private async Task JoinOrdererAsync()
    {
        string block = Path.Combine(_scratch.Sub("orderer-join"), ChannelId + ".block");
        await File.WriteAllBytesAsync(block, Genesis.ToByteArray());
        CliRun.Outcome joined = await CliRun.RunAsync(
            ["orderer", "join", "--channel", ChannelId, "--genesis", block, "--orderer", $"127.0.0.1:{Orderer.AdminPort}", .. _ordererAdminTls!.CliArguments]);
        Assert.True(joined.ExitCode == 0, joined.Stderr);
    }

    private async Task<CliRun.Outcome> JoinPeerAsync()
    {
        string dir = _scratch.Sub("cli");
        string mspDir = Network.Org1.WriteLocalMsp(Path.Combine(dir, "msp"), Network.Org1Admin);
        string blockFile = Path.Combine(dir, "genesis.block");
        await File.WriteAllBytesAsync(blockFile, Genesis.ToByteArray());
        // cscc through the peer's TLS gRPC listener, as Fabric's peer channel join.
        return await CliRun.RunAsync("peer", "channel", "join", "--block", blockFile, "--peer", Peer.Endpoint, "--tls", "--tlsRootCertFiles", PeerTls.CaFile, "--msp-dir", mspDir, "--msp-id", Network.Org1Admin.MspId);
    }
}
