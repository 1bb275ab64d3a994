using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto.Tls;
using Fabricish.Peer.Host;
using Fabricish.Peer.Tests.Committing.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Peer.Tests.Tls;

/// <summary>Client authentication (Fabric's ClientAuthRequired/ClientRootCAs) on an orderer, and the peer's TLS
/// settings checked on start.</summary>
public sealed class MutualTlsTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new("mutual-tls");
    private readonly TestNetwork _net = new();

    [Fact]
    public async Task Orderer_requiring_client_certificates_answers_a_client_with_a_certificate_of_its_client_roots_only()
    {
        TlsFiles orderer = TlsFiles.Write(_scratch.Sub("orderer-tls"), _net.OrdererOrg.Ca, "orderer0.example.com");
        TlsFiles org1Peer = TlsFiles.Write(_scratch.Sub("org1-tls"), _net.Org1.Ca, "peer0.org1.example.com");
        TlsFiles org2Peer = TlsFiles.Write(_scratch.Sub("org2-tls"), _net.Org2.Ca, "peer0.org2.example.com");
        using var adminTls = OrdererAdminTls.Write(_scratch.Sub("admin-tls"));
        await using TlsNode node = await TlsNode.StartOrdererAsync(new Dictionary<string, string?>(adminTls.Settings)
        {
            ["Orderer:DataDir"] = _scratch.Sub("data"),
            ["Orderer:MspDir"] = _net.OrdererOrg.WriteLocalMsp(_scratch.Sub("msp"), _net.Orderer),
            ["Orderer:MspId"] = _net.Orderer.MspId,
            ["Orderer:KafkaBootstrapServers"] = "127.0.0.1:1",
            ["Orderer:Tls:Enabled"] = "true",
            ["Orderer:Tls:CertFile"] = orderer.CertFile,
            ["Orderer:Tls:KeyFile"] = orderer.KeyFile,
            ["Orderer:Tls:ClientAuthRequired"] = "true",
            ["Orderer:Tls:ClientRootCAs"] = org1Peer.CaFile,
        });

        using GrpcChannel anonymous = Connect(node, orderer, client: null);
        using GrpcChannel org2 = Connect(node, orderer, org2Peer);
        using GrpcChannel org1 = Connect(node, orderer, org1Peer);

        await TlsNetworkFixture.AssertRefusedAsync(() => BroadcastAsync(anonymous));
        await TlsNetworkFixture.AssertRefusedAsync(() => BroadcastAsync(org2));
        // Past the handshake, the orderer itself answers: it has joined no channel.
        Assert.Equal(Status.NotFound, (await BroadcastAsync(org1)).Status);
    }

    [Fact]
    public void Peer_TLS_settings_with_a_missing_key_file_are_refused_naming_the_setting_and_the_file()
    {
        TlsFiles tls = TlsFiles.Write(_scratch.Sub("peer-tls"), _net.Org1.Ca, "peer0.org1.example.com");
        string missing = Path.Combine(_scratch.FullPath, "peer-tls", "missing.key");
        var options = new PeerOptions
        {
            DataDir = _scratch.Sub("peer-data"),
            MspId = "Org1MSP",
            MspDir = _net.Org1.WriteLocalMsp(_scratch.Sub("peer-msp"), _net.Org1Peer),
            CouchDbUsername = "admin",
            CouchDbPassword = "adminpw",
            Tls = new PeerTlsOptions { Enabled = true, CertFile = tls.CertFile, KeyFile = missing, RootCertFile = tls.CaFile },
        };

        ValidateOptionsResult result = new PeerOptionsValidator().Validate(null, options);

        Assert.Equal($"Peer:Tls:KeyFile: private key file '{missing}' does not exist", Assert.Single(result.Failures ?? []));
        Assert.True(new PeerOptionsValidator().Validate(null, options with { Tls = options.Tls with { KeyFile = tls.KeyFile } }).Succeeded);
    }

    public void Dispose()
    {
        _net.Dispose();
        _scratch.Dispose();
    }

    private static GrpcChannel Connect(TlsNode node, TlsFiles server, TlsFiles? client)
    {
        Uri address = new("https://" + node.Endpoint);
        X509Certificate2Collection roots = [];
        roots.ImportFromPemFile(server.CaFile);
        var tls = new TlsClientConfig(() => new TlsTrust([.. roots], []))
        {
            ClientCertificate = client is null ? null : X509Certificate2.CreateFromPemFile(client.CertFile, client.KeyFile),
        };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = TlsClientHandler.Create(address, tls), DisposeHttpClient = true });
    }

    private static async Task<BroadcastResponse> BroadcastAsync(GrpcChannel channel)
    {
        var client = new AtomicBroadcast.AtomicBroadcastClient(channel);
        using AsyncDuplexStreamingCall<Envelope, BroadcastResponse> call = client.Broadcast();
        await call.RequestStream.WriteAsync(new Envelope { Payload = new Payload { Header = new Header { ChannelHeader = new ChannelHeader { ChannelId = "nowhere", Type = (int)HeaderType.EndorserTransaction }.ToByteString() } }.ToByteString() });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return call.ResponseStream.Current;
    }
}
