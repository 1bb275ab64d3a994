using System.Text;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Testing;

/// <summary>An organization held in memory: a root CA and the NodeOU-enabled MSP config that trusts it.</summary>
public sealed class TestOrg(string mspId, string domain) : IDisposable
{
    public string MspId { get; } = mspId;

    public CertificateAuthority Ca { get; } = CertificateAuthority.CreateRoot(new CaSubject(domain, "ca." + domain));

    public SigningIdentity Identity(string commonName, NodeRole role, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        IssuedCertificate issued = Ca.Issue(new CertificateProfile(commonName) { Role = role, NotBefore = notBefore, NotAfter = notAfter });
        return new SigningIdentity(MspId, issued.Certificate, issued.Key);
    }

    /// <param name="tlsRootCerts">The endorser tests' MSPs have always been built without TLS roots; they pass false
    /// to keep exercising that shape.</param>
    public MSPConfig MspConfig(bool tlsRootCerts = true)
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
        if (tlsRootCerts)
        {
            config.TlsRootCerts.Add(caPem);
        }

        return new MSPConfig { Type = 0, Config = config.ToByteString() };
    }

    public void Dispose() => Ca.Dispose();
}
