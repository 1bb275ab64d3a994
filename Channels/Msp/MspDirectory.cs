using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Msp;

/// <summary>
/// Reads an MSP folder in Fabric's layout (cacerts, intermediatecerts, admincerts, crls, tlscacerts,
/// tlsintermediatecerts, config.yaml; signcerts and keystore for a local signer), as Fabric's
/// <c>msp.GetVerifyingMspConfig</c> and local MSP loading do. Missing or unreadable material is a
/// deployment fault, so it throws (<see cref="InvalidDataException"/>, <see cref="IOException"/>).
/// </summary>
public static class MspDirectory
{
    /// <summary>The verifying MSP config of a folder, as a channel's <c>MSPConfig</c> (type FABRIC).</summary>
    public static MSPConfig LoadConfig(string mspDir, string mspId)
    {
        ArgumentException.ThrowIfNullOrEmpty(mspDir);
        ArgumentException.ThrowIfNullOrEmpty(mspId);
        if (!Directory.Exists(mspDir))
        {
            throw new DirectoryNotFoundException($"MSP folder '{mspDir}' does not exist");
        }

        var config = new FabricMSPConfig
        {
            Name = mspId,
            CryptoConfig = new FabricCryptoConfig { SignatureHashFamily = "SHA2", IdentityIdentifierHashFunction = "SHA256" },
        };
        config.RootCerts.AddRange(ReadPemBlocks(mspDir, "cacerts", "CERTIFICATE"));
        if (config.RootCerts.Count == 0)
        {
            throw new InvalidDataException($"MSP folder '{mspDir}' has no CA certificate in cacerts");
        }

        config.IntermediateCerts.AddRange(ReadPemBlocks(mspDir, "intermediatecerts", "CERTIFICATE"));
        config.Admins.AddRange(ReadPemBlocks(mspDir, "admincerts", "CERTIFICATE"));
        config.RevocationList.AddRange(ReadPemBlocks(mspDir, "crls", "X509 CRL"));
        config.TlsRootCerts.AddRange(ReadPemBlocks(mspDir, "tlscacerts", "CERTIFICATE"));
        config.TlsIntermediateCerts.AddRange(ReadPemBlocks(mspDir, "tlsintermediatecerts", "CERTIFICATE"));

        string yamlPath = Path.Combine(mspDir, "config.yaml");
        if (File.Exists(yamlPath))
        {
            ApplyConfigYaml(config, mspDir, MspConfigYaml.Parse(File.ReadAllText(yamlPath), yamlPath));
        }

        return new MSPConfig { Type = FabricMsp.FabricMspType, Config = config.ToByteString() };
    }

    /// <summary>The signer of a local MSP folder: the certificate in signcerts and its key from keystore.</summary>
    public static SigningIdentity LoadSigningIdentity(string mspDir, string mspId, string? keyPassword = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(mspDir);
        ArgumentException.ThrowIfNullOrEmpty(mspId);
        var certificates = ReadPemBlocks(mspDir, "signcerts", "CERTIFICATE");
        if (certificates.Count == 0)
        {
            throw new InvalidDataException($"MSP folder '{mspDir}' has no certificate in signcerts");
        }

        var certificate = X509Certificate2.CreateFromPem(certificates[0].ToStringUtf8());
        using var publicKey = certificate.GetECDsaPublicKey()
            ?? throw new InvalidDataException($"the certificate in '{mspDir}/signcerts' does not hold an ECDSA key");
        string keystore = Path.Combine(mspDir, "keystore");
        if (Directory.Exists(keystore))
        {
            foreach (string file in Directory.GetFiles(keystore).Order(StringComparer.Ordinal))
            {
                string pem = File.ReadAllText(file);
                if (!pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
                {
                    continue;
                }

                ECDsa key;
                try
                {
                    key = KeyPem.Read(pem, keyPassword);
                }
                catch (CryptographicException e)
                {
                    throw new InvalidDataException($"cannot read private key '{file}': {e.Message}", e);
                }

                if (SigningIdentity.SamePublicKey(publicKey, key))
                {
                    return new SigningIdentity(mspId, certificate, key);
                }

                key.Dispose();
            }
        }

        certificate.Dispose();
        throw new InvalidDataException($"no private key in '{keystore}' matches the certificate in signcerts");
    }

    private static void ApplyConfigYaml(FabricMSPConfig config, string mspDir, MspConfigYaml yaml)
    {
        foreach (var (path, ou) in yaml.OrganizationalUnitIdentifiers)
        {
            config.OrganizationalUnitIdentifiers.Add(Identifier(mspDir, path, ou));
        }

        if (!yaml.NodeOUsEnabled && yaml.NodeOus.Count == 0)
        {
            return;
        }

        var nodeOus = new FabricNodeOUs { Enable = yaml.NodeOUsEnabled };
        foreach (var (role, (path, ou)) in yaml.NodeOus)
        {
            var identifier = Identifier(mspDir, path, ou);
            switch (role)
            {
                case NodeRole.Client: nodeOus.ClientOuIdentifier = identifier; break;
                case NodeRole.Peer: nodeOus.PeerOuIdentifier = identifier; break;
                case NodeRole.Admin: nodeOus.AdminOuIdentifier = identifier; break;
                default: nodeOus.OrdererOuIdentifier = identifier; break;
            }
        }

        config.FabricNodeOus = nodeOus;
    }

    private static FabricOUIdentifier Identifier(string mspDir, string? certificatePath, string ou)
    {
        var identifier = new FabricOUIdentifier { OrganizationalUnitIdentifier = ou };
        if (certificatePath is not null)
        {
            string full = Path.Combine(mspDir, certificatePath);
            if (!File.Exists(full))
            {
                throw new InvalidDataException($"config.yaml of '{mspDir}' names certificate '{certificatePath}', which does not exist");
            }

            identifier.Certificate = ByteString.CopyFrom(File.ReadAllBytes(full));
        }

        return identifier;
    }

    /// <summary>Every PEM block of <paramref name="label"/> in the folder's files, one entry per block, files in name order.</summary>
    private static List<ByteString> ReadPemBlocks(string mspDir, string folder, string label)
    {
        string dir = Path.Combine(mspDir, folder);
        var result = new List<ByteString>();
        if (!Directory.Exists(dir))
        {
            return result;
        }

        foreach (string file in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
        {
            var blocks = PemBlocks.Decode(File.ReadAllBytes(file), label)
                ?? throw new InvalidDataException($"'{file}' holds no PEM {label}");
            result.AddRange(blocks.Select(der => ByteString.CopyFrom(PemBlocks.Encode(label, der))));
        }

        return result;
    }
}
