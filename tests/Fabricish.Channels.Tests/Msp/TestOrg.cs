using System.Text;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Tests.Msp;

/// <summary>An in-memory organisation: a root CA and the FabricMSPConfig that trusts it.</summary>
internal sealed class TestOrg : IDisposable
{
    public TestOrg(string mspId, string domain, bool nodeOus = true)
    {
        MspId = mspId;
        NodeOus = nodeOus;
        Ca = CertificateAuthority.CreateRoot(new CaSubject(domain, "ca." + domain));
    }

    public string MspId { get; }

    public bool NodeOus { get; }

    public CertificateAuthority Ca { get; }

    public List<CertificateAuthority> Intermediates { get; } = [];

    public List<string> Crls { get; } = [];

    public List<IssuedCertificate> AdminCerts { get; } = [];

    public IssuedCertificate Issue(string commonName, NodeRole? role, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, CertificateAuthority? by = null) =>
        (by ?? Ca).Issue(new CertificateProfile(commonName) { Role = role, NotBefore = notBefore, NotAfter = notAfter });

    public SigningIdentity Signer(IssuedCertificate issued) => new(MspId, issued.Certificate, issued.Key);

    public FabricMSPConfig FabricConfig()
    {
        var config = new FabricMSPConfig
        {
            Name = MspId,
            CryptoConfig = new FabricCryptoConfig { SignatureHashFamily = "SHA2", IdentityIdentifierHashFunction = "SHA256" },
        };
        config.RootCerts.Add(Pem(Ca.CertificatePem));
        config.IntermediateCerts.AddRange(Intermediates.Select(i => Pem(i.CertificatePem)));
        config.RevocationList.AddRange(Crls.Select(Pem));
        config.Admins.AddRange(AdminCerts.Select(a => Pem(a.CertificatePem)));
        if (NodeOus)
        {
            var caPem = Pem(Ca.CertificatePem);
            config.FabricNodeOus = new FabricNodeOUs
            {
                Enable = true,
                ClientOuIdentifier = new FabricOUIdentifier { Certificate = caPem, OrganizationalUnitIdentifier = "client" },
                PeerOuIdentifier = new FabricOUIdentifier { Certificate = caPem, OrganizationalUnitIdentifier = "peer" },
                AdminOuIdentifier = new FabricOUIdentifier { Certificate = caPem, OrganizationalUnitIdentifier = "admin" },
                OrdererOuIdentifier = new FabricOUIdentifier { Certificate = caPem, OrganizationalUnitIdentifier = "orderer" },
            };
        }

        return config;
    }

    public MSPConfig MspConfig() => new() { Type = 0, Config = FabricConfig().ToByteString() };

    public FabricMsp Msp(TimeProvider? time = null) => FabricMsp.Create(MspConfig(), time);

    public void Dispose()
    {
        Ca.Dispose();
        foreach (var intermediate in Intermediates)
        {
            intermediate.Dispose();
        }
    }

    private static ByteString Pem(string pem) => ByteString.CopyFrom(Encoding.ASCII.GetBytes(pem));
}
