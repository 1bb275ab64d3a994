using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;
using Fabricish.Endorser.Chaincode;

namespace Fabricish.Peer.Lifecycle;

/// <summary>Fabric's chaincode-as-a-service connection.json: where the peer dials the chaincode server and how.</summary>
internal sealed record ConnectionJson
{
    [JsonPropertyName("address")]
    public string Address { get; init; } = string.Empty;

    [JsonPropertyName("dial_timeout")]
    public string? DialTimeout { get; init; }

    [JsonPropertyName("tls_required")]
    public bool TlsRequired { get; init; }

    [JsonPropertyName("client_auth_required")]
    public bool ClientAuthRequired { get; init; }

    [JsonPropertyName("root_cert")]
    public string? RootCert { get; init; }

    [JsonPropertyName("client_key")]
    public string? ClientKey { get; init; }

    [JsonPropertyName("client_cert")]
    public string? ClientCert { get; init; }

    /// <summary>Null when the problem is none; otherwise what is wrong with the TLS settings.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Address))
        {
            return "connection.json has no address";
        }

        if (TlsRequired && string.IsNullOrWhiteSpace(RootCert))
        {
            return "connection.json requires TLS but has no root_cert";
        }

        if (TlsRequired && ClientAuthRequired && (string.IsNullOrWhiteSpace(ClientCert) || string.IsNullOrWhiteSpace(ClientKey)))
        {
            return "connection.json requires client authentication but lacks client_cert or client_key";
        }

        if (TlsRequired)
        {
            try
            {
                ChaincodeTlsSettings settings = ToTlsSettings()!;
                foreach (X509Certificate2 root in settings.RootCertificates)
                {
                    root.Dispose();
                }

                settings.ClientCertificate?.Dispose();
            }
            catch (CryptographicException e)
            {
                return "connection.json TLS material does not load: " + e.Message;
            }
        }

        return null;
    }

    /// <summary>The TLS settings the peer dials with, null for plaintext.</summary>
    public ChaincodeTlsSettings? ToTlsSettings()
    {
        if (!TlsRequired)
        {
            return null;
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(RootCert);
        X509Certificate2? client = ClientAuthRequired ? X509Certificate2.CreateFromPem(ClientCert, ClientKey) : null;
        return new ChaincodeTlsSettings(roots, client);
    }
}
