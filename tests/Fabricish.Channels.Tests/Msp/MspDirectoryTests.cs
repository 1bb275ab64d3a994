using Fabricish.Channels.Crypto;
using Fabricish.Channels.Crypto.Generation;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Msp;
using Fabricish.Testing;
using Google.Protobuf;

namespace Fabricish.Channels.Tests.Msp;

public sealed class MspDirectoryTests : IDisposable
{
    private static readonly byte[] Message = "transaction"u8.ToArray();
    private readonly string _dir = Directory.CreateTempSubdirectory("fx-msp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Generated_sample_network_loads_and_its_identities_validate_with_their_roles()
    {
        Generate(File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "network", "crypto.yaml")));
        string org1 = Path.Combine(_dir, "peerOrganizations", "org1.example.com");
        string orderer = Path.Combine(_dir, "ordererOrganizations", "example.com");
        var manager = new MspManager([
            FabricMsp.Create(MspDirectory.LoadConfig(Path.Combine(org1, "msp"), "Org1MSP")),
            FabricMsp.Create(MspDirectory.LoadConfig(Path.Combine(orderer, "msp"), "OrdererMSP")),
        ]);

        AssertRole(manager, Path.Combine(org1, "peers", "peer0.org1.example.com", "msp"), "Org1MSP", NodeRole.Peer);
        AssertRole(manager, Path.Combine(org1, "users", "User1@org1.example.com", "msp"), "Org1MSP", NodeRole.Client);
        var admin = AssertRole(manager, Path.Combine(org1, "users", "Admin@org1.example.com", "msp"), "Org1MSP", NodeRole.Admin);
        AssertRole(manager, Path.Combine(orderer, "orderers", "orderer2.example.com", "msp"), "OrdererMSP", NodeRole.Orderer);
        Assert.True(admin.SatisfiesPrincipal(AdminOf("Org1MSP")).Satisfied);
    }

    [Fact]
    public void Loaded_MSP_config_has_Fabric_type_crypto_config_and_NodeOUs()
    {
        Generate(File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "network", "crypto.yaml")));

        var config = MspDirectory.LoadConfig(Path.Combine(_dir, "peerOrganizations", "org2.example.com", "msp"), "Org2MSP");
        var fabric = FabricMSPConfig.Parser.ParseFrom(config.Config);

        Assert.Equal(0, config.Type);
        Assert.Equal("Org2MSP", fabric.Name);
        Assert.Single(fabric.RootCerts);
        Assert.Single(fabric.TlsRootCerts);
        Assert.Empty(fabric.Admins);
        Assert.Equal("SHA2", fabric.CryptoConfig.SignatureHashFamily);
        Assert.Equal("SHA256", fabric.CryptoConfig.IdentityIdentifierHashFunction);
        Assert.True(fabric.FabricNodeOus.Enable);
        Assert.Equal("orderer", fabric.FabricNodeOus.OrdererOuIdentifier.OrganizationalUnitIdentifier);
        Assert.Equal(fabric.RootCerts[0], fabric.FabricNodeOus.PeerOuIdentifier.Certificate);
    }

    [Fact]
    public void Without_NodeOUs_the_admin_comes_from_admincerts()
    {
        Generate("""
            PeerOrgs:
              - Name: Org3
                Domain: org3.example.com
                EnableNodeOUs: false
                Template:
                  Count: 1
                Users:
                  Count: 1
            """);
        string org = Path.Combine(_dir, "peerOrganizations", "org3.example.com");
        var manager = new MspManager([FabricMsp.Create(MspDirectory.LoadConfig(Path.Combine(org, "msp"), "Org3MSP"))]);

        var admin = AssertRole(manager, Path.Combine(org, "users", "Admin@org3.example.com", "msp"), "Org3MSP", role: null);
        var user = AssertRole(manager, Path.Combine(org, "users", "User1@org3.example.com", "msp"), "Org3MSP", role: null);

        Assert.True(File.Exists(Path.Combine(org, "peers", "peer0.org3.example.com", "msp", "admincerts", "Admin@org3.example.com-cert.pem")));
        Assert.True(admin.SatisfiesPrincipal(AdminOf("Org3MSP")).Satisfied);
        Assert.False(user.SatisfiesPrincipal(AdminOf("Org3MSP")).Satisfied);
    }

    [Fact]
    public void Signing_identity_with_an_encrypted_key_loads_only_with_its_password()
    {
        using var ca = CertificateAuthority.CreateRoot(new CaSubject("org1.example.com", "ca.org1.example.com"));
        using var issued = ca.Issue(new CertificateProfile("User1@org1.example.com") { Role = NodeRole.Client });
        string msp = Path.Combine(_dir, "msp");
        Directory.CreateDirectory(Path.Combine(msp, "signcerts"));
        Directory.CreateDirectory(Path.Combine(msp, "keystore"));
        File.WriteAllText(Path.Combine(msp, "signcerts", "cert.pem"), issued.CertificatePem);
        KeyPem.WriteFile(Path.Combine(msp, "keystore", "priv_sk"), issued.Key, "pw");

        using var signer = MspDirectory.LoadSigningIdentity(msp, "Org1MSP", "pw");
        var error = Assert.Throws<InvalidDataException>(() => MspDirectory.LoadSigningIdentity(msp, "Org1MSP"));

        Assert.True(Signatures.Verify(issued.Key, Message, signer.Sign(Message)));
        Assert.Contains("password is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MSP_folder_without_CA_certificates_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "empty", "cacerts"));

        var error = Assert.Throws<InvalidDataException>(() => MspDirectory.LoadConfig(Path.Combine(_dir, "empty"), "Org1MSP"));

        Assert.Contains("no CA certificate in cacerts", error.Message, StringComparison.Ordinal);
    }

    private void Generate(string yaml)
    {
        var spec = CryptoSpecReader.Parse(yaml);
        Assert.True(spec.IsValid, spec.Error);
        var result = CryptoGenerator.Generate(spec.Orgs!, _dir);
        Assert.True(result.Succeeded, result.Error);
    }

    private static X509Identity AssertRole(MspManager manager, string mspDir, string mspId, NodeRole? role)
    {
        using var signer = MspDirectory.LoadSigningIdentity(mspDir, mspId);
        var result = manager.Deserialize(signer.Serialize());
        Assert.True(result.IsValid, $"{mspDir}: {result.Error}");
        var identity = Assert.IsType<X509Identity>(result.Identity);
        Assert.Equal(role, identity.Role);
        Assert.True(identity.Verify(Message, signer.Sign(Message)));
        return identity;
    }

    private static MSPPrincipal AdminOf(string mspId) => new()
    {
        PrincipalClassification = MSPPrincipal.Types.Classification.Role,
        Principal = new MSPRole { MspIdentifier = mspId, Role = MSPRole.Types.MSPRoleType.Admin }.ToByteString(),
    };
}
