using System.Security.Cryptography.X509Certificates;
using System.Text;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Testing;
using Grpc.Net.Client;

namespace Fabricish.Client.Tests;

/// <summary>Connections to peers as connection profiles describe them: grpcs:// trusts only the given TLS CA and checks
/// the certificate's name, or the ssl-target-name-override.</summary>
public sealed class GrpcConnectionsTests : IDisposable
{
    private readonly TestOrg _org = new("Org1MSP", "org1.example.com");
    private readonly CertificateAuthority _tlsCa = CertificateAuthority.CreateRoot(new CaSubject("org1.example.com", "tlsca.org1.example.com"));
    private readonly CertificateAuthority _otherCa = CertificateAuthority.CreateRoot(new CaSubject("org9.example.com", "tlsca.org9.example.com"));

    public void Dispose()
    {
        _org.Dispose();
        _tlsCa.Dispose();
        _otherCa.Dispose();
    }

    [Fact]
    public async Task Grpcs_trusts_the_profiles_TLS_CA_and_checks_the_overridden_server_name()
    {
        await using FakeGatewayServer server = await FakeGatewayServer.StartAsync(ServerCertificate());
        using GrpcChannel channel = GrpcConnections.Create($"grpcs://{server.Address}", _tlsCa.CertificatePem, "peer0.org1.example.com");

        byte[] result = await Contract(channel).EvaluateTransactionAsync("ReadAsset", "asset1");

        Assert.Equal("result", Encoding.UTF8.GetString(result));
    }

    [Theory]
    [InlineData(false, "peer0.org1.example.com")]
    [InlineData(true, "peer1.org1.example.com")]
    public async Task Grpcs_refuses_a_server_from_another_CA_or_with_another_name(bool rightCa, string serverName)
    {
        await using FakeGatewayServer server = await FakeGatewayServer.StartAsync(ServerCertificate());
        using GrpcChannel channel = GrpcConnections.Create($"grpcs://{server.Address}", rightCa ? _tlsCa.CertificatePem : _otherCa.CertificatePem, serverName);

        var e = await Assert.ThrowsAsync<GatewayException>(() => Contract(channel).EvaluateTransactionAsync("ReadAsset", "asset1"));

        Assert.Contains("SSL connection could not be established", e.Message, StringComparison.Ordinal);
        Assert.Empty(server.Service.Evaluations);
    }

    [Theory]
    [InlineData("grpc://peer0:7051", false, "http://peer0:7051/")]
    [InlineData("grpcs://peer0:7051", false, "https://peer0:7051/")]
    [InlineData("peer0:7051", false, "http://peer0:7051/")]
    [InlineData("peer0:7051", true, "https://peer0:7051/")]
    public void Addresses_take_Fabrics_forms(string address, bool tls, string uri) =>
        Assert.Equal(new Uri(uri), GrpcConnections.ParseAddress(address, tls));

    [Theory]
    [InlineData("peer0")]
    [InlineData("ftp://peer0:21")]
    [InlineData("grpc://peer0:7051/path")]
    public void Other_addresses_are_refused_naming_the_accepted_forms(string address)
    {
        Assert.False(GrpcConnections.TryParseAddress(address, false, out _, out string? error));
        Assert.Contains("use host:port, grpc://host:port or grpcs://host:port", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_TLS_address_without_a_CA_is_refused() =>
        Assert.Throws<ArgumentException>(() => GrpcConnections.Create("grpcs://127.0.0.1:7051"));

    private X509Certificate2 ServerCertificate()
    {
        using IssuedCertificate issued = _tlsCa.Issue(new CertificateProfile("peer0.org1.example.com") { DnsNames = ["peer0.org1.example.com"], ForTls = true });
        using X509Certificate2 withKey = issued.Certificate.CopyWithPrivateKey(issued.Key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private Contract Contract(GrpcChannel channel)
    {
        SigningIdentity user = _org.Identity("User1@org1.example.com", NodeRole.Client);
        return Gateway.Connect(new GatewayConnectOptions
        {
            Channel = channel,
            Identity = Identity.FromSigningIdentity(user),
            Signer = Signers.NewPrivateKeySigner(user.Key),
        }).GetNetwork("mychannel").GetContract("basic");
    }
}
