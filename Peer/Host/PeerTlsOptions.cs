namespace Fabricish.Peer.Host;

/// <summary>
/// TLS of the peer, Fabric's peer.tls (<c>FABRICISH_Peer__Tls__Enabled</c>, <c>__CertFile</c>, <c>__KeyFile</c>,
/// <c>__RootCertFile</c>, <c>__ClientAuthRequired</c>, <c>__ClientRootCAs</c>): the gRPC listener serves TLS 1.2+, and
/// bare host:port addresses the peer dials (orderers, other peers' endorsers) are dialled with TLS too, trusting
/// <see cref="RootCertFile"/> plus the TLS root CAs of the channels' organizations, and presenting this certificate
/// when a server asks for a client certificate. The operations listener stays plaintext HTTP/1.1.
/// </summary>
internal sealed record PeerTlsOptions
{
    public bool Enabled { get; init; }

    /// <summary>PEM certificate of the peer (cryptogen's <c>tls/server.crt</c>), Fabric's peer.tls.cert.file.</summary>
    public string? CertFile { get; init; }

    /// <summary>PEM private key of <see cref="CertFile"/> (<c>tls/server.key</c>), Fabric's peer.tls.key.file.</summary>
    public string? KeyFile { get; init; }

    /// <summary>PEM file of the peer's own TLS CA (<c>tls/ca.crt</c>), Fabric's peer.tls.rootcert.file: the peer's
    /// certificate must chain to it, and servers the peer dials are trusted if they do.</summary>
    public string? RootCertFile { get; init; }

    /// <summary>Fabric's peer.tls.clientAuthRequired: gRPC clients must present a certificate of <see cref="ClientRootCAs"/>.</summary>
    public bool ClientAuthRequired { get; init; }

    /// <summary>Comma-separated PEM files, Fabric's peer.tls.clientRootCAs.files.</summary>
    public string? ClientRootCAs { get; init; }
}
