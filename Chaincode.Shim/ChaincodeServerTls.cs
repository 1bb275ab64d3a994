using System.Security.Cryptography.X509Certificates;

namespace Fabricish.Chaincode.Shim;

/// <summary>TLS for the chaincode server (Fabric's TLSProperties): the server's certificate with its key and,
/// for mutual TLS, the CAs that issue the peers' client certificates.</summary>
public sealed class ChaincodeServerTls
{
    public ChaincodeServerTls(X509Certificate2 certificate, X509Certificate2Collection? clientCaCertificates = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("the server certificate needs its private key", nameof(certificate));
        }

        Certificate = certificate;
        ClientCaCertificates = clientCaCertificates ?? [];
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Empty: no client certificate is asked for. Otherwise peers must present one these CAs issued.</summary>
    public X509Certificate2Collection ClientCaCertificates { get; }

    /// <summary>Loads PEM files the way Fabric's ccaas chaincode images are configured (CHAINCODE_TLS_CERT,
    /// CHAINCODE_TLS_KEY, CHAINCODE_CLIENT_CA_CERT).</summary>
    public static ChaincodeServerTls FromPemFiles(string certificatePath, string keyPath, string? clientCaPath = null)
    {
        var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        var clientCas = new X509Certificate2Collection();
        if (!string.IsNullOrEmpty(clientCaPath))
        {
            clientCas.ImportFromPemFile(clientCaPath);
        }

        return new ChaincodeServerTls(certificate, clientCas);
    }

    internal bool IsTrustedClient(X509Certificate2 clientCertificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(ClientCaCertificates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(clientCertificate);
    }
}
