using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;

namespace Fabricish.Testing;

/// <summary>A node's local MSP folder with just what a node host loads: its signing certificate and key.</summary>
public static class TestMspFolder
{
    public static string Write(string mspDir, SigningIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Directory.CreateDirectory(Path.Combine(mspDir, "signcerts"));
        Directory.CreateDirectory(Path.Combine(mspDir, "keystore"));
        File.WriteAllText(Path.Combine(mspDir, "signcerts", "cert.pem"), identity.Certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(mspDir, "keystore", "key.pem"), KeyPem.Write(identity.Key));
        return mspDir;
    }
}
