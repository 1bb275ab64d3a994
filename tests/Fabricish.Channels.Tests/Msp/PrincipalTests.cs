using Fabricish.Channels.Msp;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Tests.Msp;

public sealed class PrincipalTests : IDisposable
{
    private readonly TestOrg _org1 = new("Org1MSP", "org1.example.com");

    public void Dispose() => _org1.Dispose();

    [Theory]
    [InlineData(MSPRole.Types.MSPRoleType.Member, true)]
    [InlineData(MSPRole.Types.MSPRoleType.Client, true)]
    [InlineData(MSPRole.Types.MSPRoleType.Peer, false)]
    [InlineData(MSPRole.Types.MSPRoleType.Orderer, false)]
    [InlineData(MSPRole.Types.MSPRoleType.Admin, false)]
    public void Client_identity_satisfies_only_member_and_client_roles(MSPRole.Types.MSPRoleType role, bool expected)
    {
        var identity = Deserialize(_org1.Msp(), NodeRole.Client);

        Assert.Equal(expected, identity.SatisfiesPrincipal(Role("Org1MSP", role)).Satisfied);
    }

    [Fact]
    public void Wrong_role_is_explained_naming_identity_role_and_principal()
    {
        var identity = Deserialize(_org1.Msp(), NodeRole.Client);

        var check = identity.SatisfiesPrincipal(Role("Org1MSP", MSPRole.Types.MSPRoleType.Peer));

        Assert.False(check.Satisfied);
        Assert.Equal("identity is a client; principal Org1MSP.peer requires a peer", check.Reason);
    }

    [Fact]
    public void Admin_OU_identity_satisfies_admin_but_not_client()
    {
        var identity = Deserialize(_org1.Msp(), NodeRole.Admin);

        Assert.True(identity.SatisfiesPrincipal(Role("Org1MSP", MSPRole.Types.MSPRoleType.Admin)).Satisfied);
        Assert.False(identity.SatisfiesPrincipal(Role("Org1MSP", MSPRole.Types.MSPRoleType.Client)).Satisfied);
    }

    [Fact]
    public void Admin_is_recognised_from_admincerts_when_NodeOUs_are_off()
    {
        using var org = new TestOrg("Org3MSP", "org3.example.com", nodeOus: false);
        using var admin = org.Issue("Admin@org3.example.com", role: null);
        using var user = org.Issue("User1@org3.example.com", role: null);
        org.AdminCerts.Add(admin);
        var msp = org.Msp();
        var adminIdentity = (X509Identity)msp.DeserializeIdentity(org.Signer(admin).Serialize()).Identity!;
        var userIdentity = (X509Identity)msp.DeserializeIdentity(org.Signer(user).Serialize()).Identity!;

        Assert.True(adminIdentity.SatisfiesPrincipal(Role("Org3MSP", MSPRole.Types.MSPRoleType.Admin)).Satisfied);
        Assert.False(userIdentity.SatisfiesPrincipal(Role("Org3MSP", MSPRole.Types.MSPRoleType.Admin)).Satisfied);
        Assert.Contains("does not enable NodeOUs",
            userIdentity.SatisfiesPrincipal(Role("Org3MSP", MSPRole.Types.MSPRoleType.Client)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_of_another_MSP_is_not_satisfied()
    {
        var identity = Deserialize(_org1.Msp(), NodeRole.Peer);

        var check = identity.SatisfiesPrincipal(Role("Org2MSP", MSPRole.Types.MSPRoleType.Member));

        Assert.False(check.Satisfied);
        Assert.Equal("identity is of Org1MSP; principal Org2MSP.member requires Org2MSP", check.Reason);
    }

    [Fact]
    public void Identity_principal_matches_only_the_same_certificate()
    {
        var msp = _org1.Msp();
        using var issued = _org1.Issue("peer0", NodeRole.Peer);
        using var other = _org1.Issue("peer1", NodeRole.Peer);
        var identity = msp.DeserializeIdentity(_org1.Signer(issued).Serialize()).Identity!;

        Assert.True(identity.SatisfiesPrincipal(IdentityPrincipal(_org1.Signer(issued).Serialize())).Satisfied);
        Assert.False(identity.SatisfiesPrincipal(IdentityPrincipal(_org1.Signer(other).Serialize())).Satisfied);
    }

    [Fact]
    public void OU_principal_needs_the_OU_and_the_certifying_chain()
    {
        var identity = (X509Identity)Deserialize(_org1.Msp(), NodeRole.Peer);
        byte[] certifiers = identity.CertifiersIdentifier.ToArray();

        Assert.True(identity.SatisfiesPrincipal(OuPrincipal("peer", certifiers)).Satisfied);
        Assert.False(identity.SatisfiesPrincipal(OuPrincipal("client", certifiers)).Satisfied);
        Assert.False(identity.SatisfiesPrincipal(OuPrincipal("peer", new byte[32])).Satisfied);
    }

    private IIdentity Deserialize(FabricMsp msp, NodeRole role)
    {
        using var issued = _org1.Issue("someone", role);
        var result = msp.DeserializeIdentity(_org1.Signer(issued).Serialize());
        Assert.True(result.IsValid, result.Error);
        return result.Identity!;
    }

    private static MSPPrincipal Role(string mspId, MSPRole.Types.MSPRoleType role) => new()
    {
        PrincipalClassification = MSPPrincipal.Types.Classification.Role,
        Principal = new MSPRole { MspIdentifier = mspId, Role = role }.ToByteString(),
    };

    private static MSPPrincipal IdentityPrincipal(byte[] serialized) => new()
    {
        PrincipalClassification = MSPPrincipal.Types.Classification.Identity,
        Principal = ByteString.CopyFrom(serialized),
    };

    private MSPPrincipal OuPrincipal(string ou, byte[] certifiers) => new()
    {
        PrincipalClassification = MSPPrincipal.Types.Classification.OrganizationUnit,
        Principal = new OrganizationUnit
        {
            MspIdentifier = _org1.MspId,
            OrganizationalUnitIdentifier = ou,
            CertifiersIdentifier = ByteString.CopyFrom(certifiers),
        }.ToByteString(),
    };
}
