using System.Net;
using Fabricish.Channels.Crypto;

namespace Fabricish.Testing;

/// <summary>A node's TLS material in cryptogen's layout (<c>tls/server.crt</c>, <c>tls/server.key</c>,
/// <c>tls/ca.crt</c>; a user's is <c>client.crt</c>, <c>client.key</c>), issued by a test CA for the node's host name,
/// <c>localhost</c> and <c>127.0.0.1</c>.</summary>
public sealed record TlsFiles(string CertFile, string KeyFile, string CaFile, string CaPem)
{
    /// <param name="stem">The file names' stem: <c>server</c> for a node, <c>client</c> for a user.</param>
    public static TlsFiles Write(string directory, CertificateAuthority ca, string hostName, string stem = "server")
    {
        ArgumentNullException.ThrowIfNull(ca);
        Directory.CreateDirectory(directory);
        using IssuedCertificate issued = ca.Issue(new CertificateProfile(hostName)
        {
            ForTls = true,
            DnsNames = [hostName, "localhost"],
            IpAddresses = [IPAddress.Loopback],
        });
        var files = new TlsFiles(Path.Combine(directory, stem + ".crt"), Path.Combine(directory, stem + ".key"), Path.Combine(directory, "ca.crt"), ca.CertificatePem);
        File.WriteAllText(files.CertFile, issued.CertificatePem);
        File.WriteAllText(files.KeyFile, KeyPem.Write(issued.Key));
        File.WriteAllText(files.CaFile, ca.CertificatePem);
        return files;
    }
}
