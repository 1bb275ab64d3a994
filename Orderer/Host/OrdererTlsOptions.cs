namespace Fabricish.Orderer.Host;

/// <summary>
/// TLS on the orderer's gRPC listener, Fabric's General.TLS (<c>FABRICISH_Orderer__Tls__Enabled</c>, <c>__CertFile</c>,
/// <c>__KeyFile</c>, <c>__RootCAs</c>, <c>__ClientAuthRequired</c>, <c>__ClientRootCAs</c>); the same shape is Fabric's
/// Admin.TLS for the admin listener (<c>FABRICISH_Orderer__Admin__Tls__*</c>, <see cref="OrdererAdminOptions"/>).
/// Kafka is dialled in plaintext whatever this says.
/// </summary>
internal sealed record OrdererTlsOptions
{
    /// <summary>Serve gRPC over TLS 1.2+ (HTTP/2 negotiated by ALPN) instead of plaintext HTTP/2.</summary>
    public bool Enabled { get; init; }

    /// <summary>PEM certificate of the node (cryptogen's <c>tls/server.crt</c>); further PEM blocks are intermediates
    /// sent along. Fabric's General.TLS.Certificate.</summary>
    public string? CertFile { get; init; }

    /// <summary>PEM private key of <see cref="CertFile"/> (<c>tls/server.key</c>), Fabric's General.TLS.PrivateKey.</summary>
    public string? KeyFile { get; init; }

    /// <summary>Comma-separated PEM files of the TLS CAs the node's own certificate is issued by (<c>tls/ca.crt</c>),
    /// Fabric's General.TLS.RootCAs: checked on start, the node's certificate must chain to one of them.</summary>
    public string? RootCAs { get; init; }

    /// <summary>Fabric's General.TLS.ClientAuthRequired: clients must present a certificate issued by
    /// <see cref="ClientRootCAs"/>.</summary>
    public bool ClientAuthRequired { get; init; }

    /// <summary>Comma-separated PEM files of the CAs whose client certificates are accepted (General.TLS.ClientRootCAs).</summary>
    public string? ClientRootCAs { get; init; }
}
