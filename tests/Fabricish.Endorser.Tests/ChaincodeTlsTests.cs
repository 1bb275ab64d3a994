using System.Security.Cryptography.X509Certificates;
using Fabricish.Chaincode.Shim;
using Fabricish.Channels.Crypto;
using Fabricish.Endorser.Chaincode;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Infra;

namespace Fabricish.Endorser.Tests;

/// <summary>Chaincode as a service over TLS, as connection.json's tls_required, root_cert and client_cert/client_key
/// configure it: the peer dials with TLS, checks the server against root_cert and the dialled name, and presents its
/// client certificate when the chaincode requires one.</summary>
public sealed class ChaincodeTlsTests : IAsyncLifetime
{
    private readonly EndorsingPeer _peer = new();
    private readonly ScratchDirectory _scratch = new("chaincode-tls");
    private readonly CertificateAuthority _serverCa = CertificateAuthority.CreateRoot(new CaSubject("example.com", "tlsca.chaincode.example.com"));
    private readonly CertificateAuthority _clientCa = CertificateAuthority.CreateRoot(new CaSubject("org1.example.com", "tlsca.org1.example.com"));
    private readonly List<ChaincodeServer> _servers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        foreach (ChaincodeServer server in _servers)
        {
            await server.StopAsync();
        }

        _serverCa.Dispose();
        _clientCa.Dispose();
        _scratch.Dispose();
    }

    [Fact]
    public async Task Peer_endorses_with_a_chaincode_requiring_mutual_TLS_when_it_trusts_the_root_cert_and_presents_its_client_cert()
    {
        TlsFiles peerTls = TlsFiles.Write(_scratch.Sub("peer"), _clientCa, "peer0.org1.example.com");
        await DeployAsync("basic", RootsOf(_serverCa), X509Certificate2.CreateFromPemFile(peerTls.CertFile, peerTls.KeyFile));

        ProposalResponse created = await _peer.ProposeAsync("basic", "CreateAsset", "asset1", "blue", "5", "tom", "300");

        Assert.True(created.Response.Status == 200, created.Response.Message);
    }

    [Fact]
    public async Task Peer_refuses_a_chaincode_server_whose_certificate_does_not_chain_to_root_cert()
    {
        using CertificateAuthority stranger = CertificateAuthority.CreateRoot(new CaSubject("example.com", "tlsca.chaincode.example.com"));
        TlsFiles peerTls = TlsFiles.Write(_scratch.Sub("peer"), _clientCa, "peer0.org1.example.com");
        await DeployAsync("basic", RootsOf(stranger), X509Certificate2.CreateFromPemFile(peerTls.CertFile, peerTls.KeyFile));

        ProposalResponse refused = await _peer.ProposeAsync("basic", "CreateAsset", "asset1", "blue", "5", "tom", "300");

        Assert.Equal(500, refused.Response.Status);
        Assert.Contains("could not launch chaincode", refused.Response.Message, StringComparison.Ordinal);
    }

    private static X509Certificate2Collection RootsOf(CertificateAuthority ca) => [X509Certificate2.CreateFromPem(ca.CertificatePem)];

    /// <summary>A TLS chaincode server (certificate from <see cref="serverCa"/>, clients from <see cref="clientCa"/>)
    /// defined on the channel with the peer-side TLS settings given.</summary>
    private async Task DeployAsync(string name, X509Certificate2Collection roots, X509Certificate2 clientCertificate)
    {
        TlsFiles serverTls = TlsFiles.Write(_scratch.Sub("server-" + name), _serverCa, "chaincode.example.com");
        string packageId = $"{name}_1.0:{Guid.NewGuid():N}";
        string address = $"127.0.0.1:{FreePorts.Take()}";
        var server = new ChaincodeServer(packageId, address, EndorsingPeer.AssetTransfer(),
            ChaincodeServerTls.FromPemFiles(serverTls.CertFile, serverTls.KeyFile, TlsFiles.Write(_scratch.Sub("client-ca-" + name), _clientCa, "unused").CaFile));
        await server.StartAsync();
        _servers.Add(server);
        _peer.Registry.Add(new ChaincodeDefinition(name, "1.0", packageId, address, new ChaincodeTlsSettings(roots, clientCertificate)));
    }
}
