using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Channels.Policies;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Tests.Policies;

/// <summary>Signature policies evaluated against real X.509 MSPs, certificates and ECDSA signatures.</summary>
public sealed class RealMspPolicyTests : IDisposable
{
    private static readonly byte[] Payload = "config update"u8.ToArray();

    private readonly CertificateAuthority _org1Ca = CertificateAuthority.CreateRoot(new CaSubject("org1.example.com", "ca.org1.example.com"));
    private readonly CertificateAuthority _org2Ca = CertificateAuthority.CreateRoot(new CaSubject("org2.example.com", "ca.org2.example.com"));
    private readonly CertificateAuthority _rogueCa = CertificateAuthority.CreateRoot(new CaSubject("org1.example.com", "ca.org1.example.com"));
    private readonly List<IDisposable> _owned = [];
    private readonly IPolicy _policy;

    public RealMspPolicyTests()
    {
        var msps = new MspManager([FabricMsp.Create(Config("Org1MSP", _org1Ca)), FabricMsp.Create(Config("Org2MSP", _org2Ca))]);
        var envelope = PolicyParser.ParseSignaturePolicy("AND('Org1MSP.member', 'Org2MSP.member')").Value!;
        _policy = PolicyCompiler.CompileSignaturePolicy(envelope, msps, "integration").Value!;
    }

    [Fact]
    public void Signatures_from_both_orgs_satisfy_an_and_policy()
    {
        Assert.True(_policy.Evaluate([Sign(User("Org1MSP", _org1Ca)), Sign(User("Org2MSP", _org2Ca))]).Satisfied);
    }

    [Fact]
    public void Two_signatures_from_one_org_member_do_not_stand_in_for_the_other_org()
    {
        var alice = User("Org1MSP", _org1Ca);

        var result = _policy.Evaluate([Sign(alice), Sign(alice)]);

        Assert.False(result.Satisfied);
        Assert.Contains("unsatisfied: Org2MSP.member", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_over_other_bytes_is_ignored()
    {
        var bob = User("Org2MSP", _org2Ca);
        var forged = new SignedData(Payload, bob.Serialize(), bob.Sign("something else"u8));

        var result = _policy.Evaluate([Sign(User("Org1MSP", _org1Ca)), forged]);

        Assert.False(result.Satisfied);
        Assert.Contains("signature 1 by Org2MSP invalid", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_from_a_ca_outside_the_msp_is_rejected_even_with_the_right_msp_id()
    {
        var result = _policy.Evaluate([Sign(User("Org1MSP", _rogueCa)), Sign(User("Org2MSP", _org2Ca))]);

        Assert.False(result.Satisfied);
        Assert.Contains("signature 0 by Org1MSP rejected", result.Reason, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _org1Ca.Dispose();
        _org2Ca.Dispose();
        _rogueCa.Dispose();
    }

    private static SignedData Sign(SigningIdentity signer) => new(Payload, signer.Serialize(), signer.Sign(Payload));

    private SigningIdentity User(string mspId, CertificateAuthority ca)
    {
        var issued = ca.Issue(new CertificateProfile("user@" + ca.Subject.Organization));
        _owned.Add(issued);
        var signer = new SigningIdentity(mspId, issued.Certificate, issued.Key);
        _owned.Add(signer);
        return signer;
    }

    private static MSPConfig Config(string mspId, CertificateAuthority ca)
    {
        var fabric = new FabricMSPConfig
        {
            Name = mspId,
            CryptoConfig = new FabricCryptoConfig { SignatureHashFamily = "SHA2", IdentityIdentifierHashFunction = "SHA256" },
        };
        fabric.RootCerts.Add(ByteString.CopyFromUtf8(ca.CertificatePem));
        return new MSPConfig { Type = 0, Config = fabric.ToByteString() };
    }
}
