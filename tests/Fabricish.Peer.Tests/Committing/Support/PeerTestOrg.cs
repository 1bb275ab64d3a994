using System.Text;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Peer.Tests.Committing.Support;

/// <summary>An organization held in memory: a root CA, the NodeOU-enabled MSP config that trusts it, and local MSP
/// folders in Fabric's layout for its nodes and users.</summary>
internal sealed class PeerTestOrg(string mspId, string domain) : IDisposable
{
    public string MspId { get; } = mspId;

    public CertificateAuthority Ca { get; } = CertificateAuthority.CreateRoot(new CaSubject(domain, "ca." + domain));

    public SigningIdentity Identity(string commonName, NodeRole role)
    {
        IssuedCertificate issued = Ca.Issue(new CertificateProfile(commonName) { Role = role });
        return new SigningIdentity(MspId, issued.Certificate, issued.Key);
    }

    /// <summary>A local MSP folder as cryptogen writes one: cacerts, signcerts, keystore and a NodeOUs config.yaml.</summary>
    public string WriteLocalMsp(string mspDir, SigningIdentity identity)
    {
        foreach (string folder in new[] { "cacerts", "signcerts", "keystore" })
        {
            Directory.CreateDirectory(Path.Combine(mspDir, folder));
        }

        File.WriteAllText(Path.Combine(mspDir, "cacerts", "ca.pem"), Ca.CertificatePem);
        File.WriteAllText(Path.Combine(mspDir, "signcerts", "cert.pem"), identity.Certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(mspDir, "keystore", "key.pem"), KeyPem.Write(identity.Key));
        var yaml = new StringBuilder("NodeOUs:\n  Enable: true\n");
        foreach ((string key, string ou) in new[] { ("ClientOUIdentifier", "client"), ("PeerOUIdentifier", "peer"), ("AdminOUIdentifier", "admin"), ("OrdererOUIdentifier", "orderer") })
        {
            yaml.Append("  ").Append(key).Append(":\n    Certificate: cacerts/ca.pem\n    OrganizationalUnitIdentifier: ").Append(ou).Append('\n');
        }

        File.WriteAllText(Path.Combine(mspDir, "config.yaml"), yaml.ToString());
        return mspDir;
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
        config.TlsRootCerts.Add(caPem);
        return new MSPConfig { Type = 0, Config = config.ToByteString() };
    }

    public void Dispose() => Ca.Dispose();
}
