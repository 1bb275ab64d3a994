using System.Security.Cryptography.X509Certificates;

namespace Fabricish.Channels.Crypto.Tls;

/// <summary>How a node dials another over TLS: whom it trusts (asked at every handshake), the certificate it presents
/// when the server asks for one (mutual TLS), and the name the server's certificate must carry when it is not the
/// host of the address dialled.</summary>
public sealed record TlsClientConfig(Func<TlsTrust> Trust)
{
    public X509Certificate2? ClientCertificate { get; init; }

    public X509Certificate2Collection ClientCertificateChain { get; init; } = [];

    public string? ServerNameOverride { get; init; }
}
