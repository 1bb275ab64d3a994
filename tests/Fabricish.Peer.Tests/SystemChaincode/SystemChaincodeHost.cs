using Fabricish.Channels.Msp;
using Fabricish.Peer.Host;
using Fabricish.Peer.Tests.Committing.Support;
using Fabricish.Peer.Tests.Events.Support;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Tests.SystemChaincode;

/// <summary>A real Org1 peer host in the test process (embedded state, no CouchDB) whose orderer is a stub serving the
/// sample channel's genesis block, and the identities that call its qscc and cscc over gRPC.</summary>
public sealed class SystemChaincodeHost : IAsyncLifetime
{
    private readonly ScratchDirectory _directory = new("system-chaincode");
    private StubOrderer? _orderer;
    private WebApplication? _app;
    private GrpcChannel? _grpc;

    public SampleChannel Sample { get; } = new(SystemChaincodePeer.Channel);

    public SigningIdentity Org1Admin { get; private set; } = null!;

    public SigningIdentity Org1Client { get; private set; } = null!;

    public SigningIdentity Org2Admin { get; private set; } = null!;

    public string PeerAddress { get; private set; } = "";

    public string OperationsAddress { get; private set; } = "";

    /// <summary>The Org1 admin's MSP folder, for the CLI.</summary>
    public string AdminMspDir { get; private set; } = "";

    /// <summary>The Org1 client's MSP folder, for the CLI.</summary>
    public string ClientMspDir { get; private set; } = "";

    public string GenesisFile { get; private set; } = "";

    public Protos.Peer.Endorser.EndorserClient Endorser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Org1Admin = Sample.Org1.Identity("Admin@org1.example.com", NodeRole.Admin);
        Org1Client = Sample.Org1.Identity("User1@org1.example.com", NodeRole.Client);
        Org2Admin = Sample.Org2.Identity("Admin@org2.example.com", NodeRole.Admin);
        AdminMspDir = Sample.Org1.WriteLocalMsp(Path.Combine(_directory.FullPath, "admin", "msp"), Org1Admin);
        ClientMspDir = Sample.Org1.WriteLocalMsp(Path.Combine(_directory.FullPath, "client", "msp"), Org1Client);
        GenesisFile = Path.Combine(_directory.FullPath, "mychannel.block");
        await File.WriteAllBytesAsync(GenesisFile, Google.Protobuf.MessageExtensions.ToByteArray(Sample.Genesis));
        _orderer = await StubOrderer.StartAsync([Sample.Genesis]);
        int[] ports = FreePorts.Take(2);
        PeerAddress = $"127.0.0.1:{ports[0]}";
        OperationsAddress = $"127.0.0.1:{ports[1]}";
        string peerMsp = Sample.Org1.WriteLocalMsp(Path.Combine(_directory.FullPath, "peer", "msp"), Sample.Org1.Identity("peer0.org1.example.com", NodeRole.Peer));
        var settings = new Dictionary<string, string?>
        {
            ["Peer:ListenAddress"] = PeerAddress,
            ["Peer:OperationsListenAddress"] = OperationsAddress,
            ["Peer:DataDir"] = Path.Combine(_directory.FullPath, "data"),
            ["Peer:MspDir"] = peerMsp,
            ["Peer:MspId"] = "Org1MSP",
            ["Peer:OrdererEndpoints"] = _orderer.Endpoint,
            ["Peer:StateDatabase"] = "Embedded",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        WebApplicationBuilder builder = PeerHost.CreateBuilder([], settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _app = PeerHost.Build(builder);
        await _app.StartAsync();
        _grpc = GrpcChannel.ForAddress($"http://{PeerAddress}");
        Endorser = new Protos.Peer.Endorser.EndorserClient(_grpc);
    }

    public async Task DisposeAsync()
    {
        _grpc?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_orderer is not null)
        {
            await _orderer.DisposeAsync();
        }

        Sample.Dispose();
        _directory.Dispose();
    }
}
