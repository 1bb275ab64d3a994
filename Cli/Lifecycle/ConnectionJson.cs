using System.Text;
using System.Text.Json.Nodes;

namespace Fabricish.Cli.Lifecycle;

/// <summary>The <c>connection.json</c> of a ccaas package, as Fabric's external builder reads it: where the chaincode
/// server listens, how long to dial, and its TLS settings (PEM text in root_cert, client_cert, client_key).</summary>
internal sealed record ConnectionJson(
    string Address,
    string DialTimeout = "10s",
    string? RootCert = null,
    string? ClientCert = null,
    string? ClientKey = null)
{
    public bool TlsRequired => RootCert is not null;

    public bool ClientAuthRequired => ClientCert is not null;

    public byte[] ToBytes()
    {
        var json = new JsonObject
        {
            ["address"] = Address,
            ["dial_timeout"] = DialTimeout,
            ["tls_required"] = TlsRequired,
            ["client_auth_required"] = ClientAuthRequired,
        };
        if (RootCert is not null)
        {
            json["root_cert"] = RootCert;
        }

        if (ClientCert is not null)
        {
            json["client_cert"] = ClientCert;
            json["client_key"] = ClientKey;
        }

        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }
}
