using System.Net;
using Fabricish.Channels.Msp;

namespace Fabricish.Channels.Crypto.Generation;

/// <summary>
/// Writes certificates and keys in cryptogen's layout: per organisation a signing CA (<c>ca</c>), a TLS CA
/// (<c>tlsca</c>), the verifying MSP (<c>msp</c>), and a local MSP plus TLS material for every node and user.
/// With NodeOUs the role is in each certificate's OU and admincerts stay empty, as cryptogen does;
/// without them the Admin certificate is copied into admincerts.
/// </summary>
public static class CryptoGenerator
{
    public static CryptoGenerationResult Generate(IReadOnlyList<RenderedOrg> orgs, string outputDir, bool force = false, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(orgs);
        ArgumentException.ThrowIfNullOrEmpty(outputDir);
        var existing = orgs.Select(o => Path.Combine(outputDir, o.RelativePath)).Where(Directory.Exists).ToList();
        if (existing.Count > 0 && !force)
        {
            return CryptoGenerationResult.Failed(
                $"crypto material already exists at {string.Join(", ", existing)}; refusing to overwrite it (use --force to replace it)");
        }

        foreach (string dir in existing)
        {
            Directory.Delete(dir, recursive: true);
        }

        var written = new List<string>();
        foreach (var org in orgs)
        {
            string orgDir = Path.Combine(outputDir, org.RelativePath);
            GenerateOrg(org, orgDir, timeProvider ?? TimeProvider.System);
            written.Add(orgDir);
        }

        return CryptoGenerationResult.Ok(written);
    }

    private static void GenerateOrg(RenderedOrg org, string orgDir, TimeProvider time)
    {
        using var signCa = CertificateAuthority.CreateRoot(org.Ca, timeProvider: time);
        using var tlsCa = CertificateAuthority.CreateRoot(org.TlsCa, timeProvider: time);
        WriteCa(Path.Combine(orgDir, "ca"), signCa);
        WriteCa(Path.Combine(orgDir, "tlsca"), tlsCa);
        WriteVerifyingMsp(Path.Combine(orgDir, "msp"), org, signCa, tlsCa);

        string nodesDir = Path.Combine(orgDir, org.IsOrderer ? "orderers" : "peers");
        string usersDir = Path.Combine(orgDir, "users");
        string? adminCertificatePem = null;
        foreach (var user in org.Users)
        {
            string pem = WriteLocalMsp(Path.Combine(usersDir, user.CommonName), user, org, signCa, tlsCa, isServer: false);
            if (user == org.Admin)
            {
                adminCertificatePem = pem;
            }
        }

        foreach (var node in org.Nodes)
        {
            WriteLocalMsp(Path.Combine(nodesDir, node.CommonName), node, org, signCa, tlsCa, isServer: true);
        }

        if (!org.EnableNodeOUs)
        {
            // Without NodeOUs, admin rights come from admincerts: the org MSP and each node's MSP list Admin.
            string fileName = org.Admin.CommonName + "-cert.pem";
            WriteText(Path.Combine(orgDir, "msp", "admincerts", fileName), adminCertificatePem!);
            foreach (var node in org.Nodes)
            {
                string adminCerts = Path.Combine(nodesDir, node.CommonName, "msp", "admincerts");
                foreach (string file in Directory.GetFiles(adminCerts))
                {
                    File.Delete(file);
                }

                WriteText(Path.Combine(adminCerts, fileName), adminCertificatePem!);
            }
        }
    }

    private static void WriteCa(string dir, CertificateAuthority ca)
    {
        Directory.CreateDirectory(dir);
        WriteText(Path.Combine(dir, ca.Name + "-cert.pem"), ca.CertificatePem);
        KeyPem.WriteFile(Path.Combine(dir, "priv_sk"), ca.Key);
    }

    private static void WriteVerifyingMsp(string mspDir, RenderedOrg org, CertificateAuthority signCa, CertificateAuthority tlsCa)
    {
        Directory.CreateDirectory(Path.Combine(mspDir, "admincerts"));
        WriteText(Path.Combine(mspDir, "cacerts", signCa.Name + "-cert.pem"), signCa.CertificatePem);
        WriteText(Path.Combine(mspDir, "tlscacerts", tlsCa.Name + "-cert.pem"), tlsCa.CertificatePem);
        if (org.EnableNodeOUs)
        {
            WriteText(Path.Combine(mspDir, "config.yaml"), MspConfigYaml.NodeOusFor($"cacerts/{signCa.Name}-cert.pem"));
        }
    }

    /// <summary>Writes msp/ and tls/ for one node or user; returns its signing certificate PEM.</summary>
    private static string WriteLocalMsp(string baseDir, RenderedNode node, RenderedOrg org, CertificateAuthority signCa, CertificateAuthority tlsCa, bool isServer)
    {
        string mspDir = Path.Combine(baseDir, "msp");
        WriteVerifyingMsp(mspDir, org, signCa, tlsCa);
        Directory.CreateDirectory(Path.Combine(mspDir, "keystore"));

        // cryptogen puts the node's role in the OU only under NodeOUs; Admin is a plain client otherwise.
        using var identity = signCa.Issue(new CertificateProfile(node.CommonName) { Role = org.EnableNodeOUs ? node.Role : null });
        string certificatePem = identity.CertificatePem;
        WriteText(Path.Combine(mspDir, "signcerts", node.CommonName + "-cert.pem"), certificatePem);
        KeyPem.WriteFile(Path.Combine(mspDir, "keystore", "priv_sk"), identity.Key);
        if (!org.EnableNodeOUs)
        {
            WriteText(Path.Combine(mspDir, "admincerts", node.CommonName + "-cert.pem"), certificatePem);
        }

        var dnsNames = node.Sans.Where(s => !IPAddress.TryParse(s, out _)).ToList();
        var ips = node.Sans.Select(s => IPAddress.TryParse(s, out var ip) ? ip : null).OfType<IPAddress>().ToList();
        using var tls = tlsCa.Issue(new CertificateProfile(node.CommonName) { ForTls = true, DnsNames = dnsNames, IpAddresses = ips });
        string tlsDir = Path.Combine(baseDir, "tls");
        string prefix = isServer ? "server" : "client";
        WriteText(Path.Combine(tlsDir, "ca.crt"), tlsCa.CertificatePem);
        WriteText(Path.Combine(tlsDir, prefix + ".crt"), tls.CertificatePem);
        KeyPem.WriteFile(Path.Combine(tlsDir, prefix + ".key"), tls.Key);
        return certificatePem;
    }

    private static void WriteText(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
