using System.Text;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Testing;

namespace Fabricish.Peer.Tests.Committing.Support;

/// <summary>Local MSP folders in Fabric's layout for an organization's nodes and users, which only the committing
/// peer tests start real peers from.</summary>
internal static class TestOrgLocalMsp
{
    /// <summary>A local MSP folder as cryptogen writes one: cacerts, signcerts, keystore and a NodeOUs config.yaml.</summary>
    public static string WriteLocalMsp(this TestOrg org, string mspDir, SigningIdentity identity)
    {
        foreach (string folder in new[] { "cacerts", "signcerts", "keystore" })
        {
            Directory.CreateDirectory(Path.Combine(mspDir, folder));
        }

        File.WriteAllText(Path.Combine(mspDir, "cacerts", "ca.pem"), org.Ca.CertificatePem);
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
}
