using System.Text;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Endorser.Tests;

/// <summary>An organization with a fresh root CA and a NodeOU-enabled MSP that trusts it.</summary>
internal sealed class TestOrg(string mspId, string domain) : IDisposable
{
    public string MspId { get; } = mspId;

    public CertificateAuthority Ca { get; } = CertificateAuthority.CreateRoot(new CaSubject(domain, "ca." + domain));

    public SigningIdentity Identity(string commonName, NodeRole role, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        IssuedCertificate issued = Ca.Issue(new CertificateProfile(commonName) { Role = role, NotBefore = notBefore, NotAfter = notAfter });
        return new SigningIdentity(MspId, issued.Certificate, issued.Key);
    }

    public MSPConfig MspConfig()
    {
        ByteString caPem = ByteString.CopyFrom(Encoding.ASCII.GetBytes(Ca.CertificatePem));
        var config = new FabricMSPConfig
        {
            Name = MspId,
            CryptoConfig = new FabricCryptoConfig { SignatureHashFamily = "SHA2", IdentityIdentifierHashFunction = "SHA256" },
            FabricNodeOus = new FabricNodeOUs
            {
                Enable = true,
                ClientOuIdentifier = new FabricOUIdentifier { Certificate = caPem, OrganizationalUnitIdentifier = "client" },
                PeerOuIdentifier = new FabricOUIdentifier { Certificate = caPem, OrganizationalUnitIdentifier = "peer" },
                AdminOuIdentifier = new FabricOUIdentifier { Certificate = caPem, OrganizationalUnitIdentifier = "admin" },
                OrdererOuIdentifier = new FabricOUIdentifier { Certificate = caPem, OrganizationalUnitIdentifier = "orderer" },
            },
        };
        config.RootCerts.Add(caPem);
        return new MSPConfig { Type = 0, Config = config.ToByteString() };
    }

    public void Dispose() => Ca.Dispose();
}
