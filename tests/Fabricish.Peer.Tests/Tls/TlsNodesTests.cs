using Fabricish.Channels.Crypto;
using Fabricish.Peer.DeliverClient;
using Fabricish.Peer.Host;
using Fabricish.Peer.Tests.Committing;
using Fabricish.Peer.Tests.Committing.Support;
using Fabricish.Peer.Tests.Gateway.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;
using Fabricish.Testing.Transactions;
using Grpc.Core;
using Grpc.Net.Client;
using DeliverResponse = Fabricish.Protos.Orderer.DeliverResponse;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Peer.Tests.Tls;

/// <summary>A TLS-only orderer and peer (Fabric's General.TLS / peer.tls): clients that trust the nodes' TLS CAs
/// broadcast, deliver and use the gateway; clients that trust another CA, or dial plaintext, are refused; the peer
/// pulls its blocks from the orderer over TLS, trusting it through the channel configuration's TLS root CAs.</summary>
[Collection(PeerKafkaCollection.Name)]
public sealed class TlsNodesTests(KafkaClusterFixture kafka, TlsNetworkFixture network) : IClassFixture<TlsNetworkFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    private TestNetwork Net => network.Network;

    public async Task InitializeAsync()
    {
        await kafka.Cluster.EnsureAllBrokersRunningAsync();
        await network.StartAsync(kafka.Cluster);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Orderer_with_TLS_takes_broadcasts_and_delivers_blocks_to_a_client_trusting_its_CA()
    {
        using GrpcChannel channel = TlsNetworkFixture.Client(network.Orderer, network.OrdererTls.CaPem);

        BroadcastResponse response = await TlsNetworkFixture.BroadcastAsync(channel, Transaction("broadcast"));
        Block genesis = await FirstBlockAsync(channel);

        Assert.Equal(Status.Success, response.Status);
        Assert.Equal(0UL, genesis.Header.Number);
        Assert.Equal(network.Genesis.Header.DataHash, genesis.Header.DataHash);
    }

    [Fact]
    public async Task Orderer_with_TLS_refuses_a_client_trusting_another_CA_and_a_plaintext_client()
    {
        using CertificateAuthority stranger = CertificateAuthority.CreateRoot(new CaSubject("example.com", "tlsca.example.com"));
        using GrpcChannel wrongCa = TlsNetworkFixture.Client(network.Orderer, stranger.CertificatePem);
        using GrpcChannel plaintext = GrpcChannel.ForAddress("http://" + network.Orderer.Endpoint);

        RpcException refused = await Assert.ThrowsAsync<RpcException>(() => TlsNetworkFixture.BroadcastAsync(wrongCa, Transaction("wrong-ca")));
        await TlsNetworkFixture.AssertRefusedAsync(() => TlsNetworkFixture.BroadcastAsync(plaintext, Transaction("plaintext")));

        Assert.Contains("The SSL connection could not be established", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Peer_trusts_the_orderer_through_the_channel_configurations_TLS_root_CAs()
    {
        var tls = new PeerTlsOptions { Enabled = true, CertFile = network.PeerTls.CertFile, KeyFile = network.PeerTls.KeyFile, RootCertFile = network.PeerTls.CaFile };
        using var withoutChannels = new PeerTlsClient(tls, () => []);
        using var withChannel = new PeerTlsClient(tls, () => [network.Config]);
        using GrpcChannel untrusted = withoutChannels.Connect(network.Orderer.Endpoint);
        using GrpcChannel trusted = withChannel.Connect(network.Orderer.Endpoint);

        RpcException refused = await Assert.ThrowsAsync<RpcException>(() => FirstBlockAsync(untrusted));
        Block genesis = await FirstBlockAsync(trusted);

        Assert.Contains("The SSL connection could not be established", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0UL, genesis.Header.Number);
        Assert.True(withChannel.IsTls(network.Orderer.Endpoint));
        Assert.False(withChannel.IsTls("grpc://" + network.Orderer.Endpoint));
    }

    [Fact]
    public async Task Peer_with_TLS_commits_a_transaction_its_TLS_gateway_submitted_to_the_TLS_orderer()
    {
        using GrpcChannel channel = TlsNetworkFixture.Client(network.Peer, network.PeerTls.CaPem);
        var gateway = new Protos.Gateway.Gateway.GatewayClient(channel);
        Envelope transaction = Transaction("gateway");
        string txId = TxId(transaction);

        await SubmitAsync(gateway, transaction, txId);
        using var timeout = new CancellationTokenSource(Settle);
        CommitStatusResponse status = await gateway.CommitStatusAsync(
            GatewayRequests.CommitStatus(Net.Org1Client, txId, channelId: TlsNetworkFixture.ChannelId), cancellationToken: timeout.Token);

        Assert.Equal(TxValidationCode.Valid, status.Result);
        Assert.True(status.BlockNumber >= 1);
    }

    private Envelope Transaction(string key) =>
        new EndorsedTransaction(Net.Org1Client, new RwSet().Write(key, "v").Build()) { ChannelId = TlsNetworkFixture.ChannelId, Endorsers = [Net.Org1Peer, Net.Org2Peer] }.Build();

    private static string TxId(Envelope transaction) =>
        ChannelHeader.Parser.ParseFrom(Payload.Parser.ParseFrom(transaction.Payload).Header.ChannelHeader).TxId;

    /// <summary>Submits through the gateway, again while the orderer's new Kafka chain is still starting.</summary>
    private static async Task SubmitAsync(Protos.Gateway.Gateway.GatewayClient gateway, Envelope transaction, string txId)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await gateway.SubmitAsync(new SubmitRequest { ChannelId = TlsNetworkFixture.ChannelId, TransactionId = txId, PreparedTransaction = transaction });
                return;
            }
            // The gateway names each orderer's answer in its error details, not in the status message.
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable
                && GatewayRequests.Details(e).Any(d => d.Message.Contains("SERVICE_UNAVAILABLE", StringComparison.Ordinal)) && attempt < 120)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>Block 0 through Deliver, with the peer's own deliver request signed by Org1's peer.</summary>
    private async Task<Block> FirstBlockAsync(GrpcChannel channel)
    {
        var client = new AtomicBroadcast.AtomicBroadcastClient(channel);
        using var timeout = new CancellationTokenSource(Settle);
        using AsyncDuplexStreamingCall<Envelope, DeliverResponse> call = client.Deliver(cancellationToken: timeout.Token);
        await call.RequestStream.WriteAsync(SeekRequest.Build(Net.Org1Peer, TlsNetworkFixture.ChannelId, 0, DateTimeOffset.UtcNow));
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token), "the deliver stream ended without a block");
        Assert.Equal(DeliverResponse.TypeOneofCase.Block, call.ResponseStream.Current.TypeCase);
        return call.ResponseStream.Current.Block;
    }
}
