using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Cli.Tests.Channel;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Cli.Tests.Peer;

/// <summary><c>fabricish peer channel join|list</c> against a stand-in admin API: what goes over the wire is Fabric's
/// cscc JoinChain signed proposal, and answers are printed as Fabric's peer CLI prints them.</summary>
public sealed class PeerChannelCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "fx-cli-peer-" + Guid.NewGuid().ToString("N"))).FullName;
    private readonly CertificateAuthority _ca = CertificateAuthority.CreateRoot(new CaSubject("org1.example.com", "ca.org1.example.com"));

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Join_posts_a_cscc_JoinChain_proposal_carrying_the_block_and_signed_by_the_admin()
    {
        using var stub = new StubPeerAdminApi();
        (string mspDir, SigningIdentity admin) = AdminMsp();
        using (admin)
        {
            byte[] block = new Block { Header = new BlockHeader { Number = 0 }, Data = new BlockData() }.ToByteArray();
            string blockFile = Path.Combine(_dir, "genesis.block");
            await File.WriteAllBytesAsync(blockFile, block);

            CliRun.Outcome outcome = await CliRun.RunAsync("peer", "channel", "join", "--block", blockFile, "--peer", stub.Address, "--msp-dir", mspDir, "--msp-id", "Org1MSP");

            Assert.Equal(0, outcome.ExitCode);
            Assert.Contains("Successfully submitted proposal to join channel", outcome.Stdout, StringComparison.Ordinal);
            var request = Assert.Single(stub.Requests);
            Assert.Equal(("POST", "/peer/v1/channels", "application/octet-stream"), (request.Method, request.Path, request.ContentType));
            SignedProposal signed = SignedProposal.Parser.ParseFrom(request.Body);
            Proposal proposal = Proposal.Parser.ParseFrom(signed.ProposalBytes);
            Header header = Header.Parser.ParseFrom(proposal.Header);
            SignatureHeader signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
            ChannelHeader channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
            Assert.Equal((int)HeaderType.Config, channelHeader.Type);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([.. signatureHeader.Nonce.Span, .. signatureHeader.Creator.Span])), channelHeader.TxId);
            Assert.Equal(admin.Serialize(), signatureHeader.Creator.ToByteArray());
            using ECDsa publicKey = admin.Certificate.GetECDsaPublicKey()!;
            Assert.True(Signatures.Verify(publicKey, signed.ProposalBytes.Span, signed.Signature.Span));
            ChaincodeSpec spec = ChaincodeInvocationSpec.Parser.ParseFrom(ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload).Input).ChaincodeSpec;
            Assert.Equal("cscc", spec.ChaincodeId.Name);
            Assert.Equal("JoinChain", spec.Input.Args[0].ToStringUtf8());
            Assert.Equal(block, spec.Input.Args[1].ToByteArray());
        }
    }

    [Fact]
    public async Task Join_reports_the_peers_refusal_with_a_non_zero_exit_code()
    {
        using var stub = new StubPeerAdminApi(403, "{\"error\":\"access denied: creator is not an admin of Org1MSP\"}");
        (string mspDir, SigningIdentity admin) = AdminMsp();
        admin.Dispose();
        string blockFile = Path.Combine(_dir, "genesis.block");
        await File.WriteAllBytesAsync(blockFile, new Block { Header = new BlockHeader() }.ToByteArray());

        CliRun.Outcome outcome = await CliRun.RunAsync("peer", "channel", "join", "-b", blockFile, "--peer", stub.Address, "--msp-dir", mspDir, "--msp-id", "Org1MSP");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("the peer answered 403: access denied: creator is not an admin of Org1MSP", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_without_an_admin_identity_fails_before_contacting_the_peer()
    {
        using var stub = new StubPeerAdminApi();
        string blockFile = Path.Combine(_dir, "genesis.block");
        await File.WriteAllBytesAsync(blockFile, new Block { Header = new BlockHeader() }.ToByteArray());
        string? savedDir = Environment.GetEnvironmentVariable("CORE_PEER_MSPCONFIGPATH");
        Assert.Null(savedDir);

        CliRun.Outcome outcome = await CliRun.RunAsync("peer", "channel", "join", "-b", blockFile, "--peer", stub.Address);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("--msp-dir and --msp-id", outcome.Stderr, StringComparison.Ordinal);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task List_prints_each_joined_channel_with_its_height()
    {
        using var stub = new StubPeerAdminApi();

        CliRun.Outcome outcome = await CliRun.RunAsync("peer", "channel", "list", "--peer", stub.Address);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("Channels peers has joined:\nmychannel (height 7, active)\n", outcome.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(("GET", "/peer/v1/channels"), (stub.Requests[0].Method, stub.Requests[0].Path));
    }

    private (string MspDir, SigningIdentity Admin) AdminMsp()
    {
        IssuedCertificate issued = _ca.Issue(new CertificateProfile("Admin@org1.example.com") { Role = NodeRole.Admin });
        var admin = new SigningIdentity("Org1MSP", issued.Certificate, issued.Key);
        string mspDir = Path.Combine(_dir, "msp");
        Directory.CreateDirectory(Path.Combine(mspDir, "signcerts"));
        Directory.CreateDirectory(Path.Combine(mspDir, "keystore"));
        File.WriteAllText(Path.Combine(mspDir, "signcerts", "cert.pem"), admin.Certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(mspDir, "keystore", "key.pem"), KeyPem.Write(admin.Key));
        return (mspDir, admin);
    }
}
