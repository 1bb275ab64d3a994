using Fabricish.Client;
using Grpc.Net.Client;

namespace Fabricish.Cli.Connection;

/// <summary>A peer or orderer to dial: its address (host:port, grpc:// or grpcs://), the TLS CA certificates that
/// must have issued its server certificate, and the name its certificate carries when it differs from the host.</summary>
public sealed record NodeEndpoint(string Address, string? TlsRootCertPem = null, string? ServerNameOverride = null)
{
    /// <summary>Whether the connection uses TLS: a grpcs:// address, or a bare host:port with a TLS CA. Throws
    /// <see cref="ArgumentException"/> for an address that is neither.</summary>
    public bool Tls => GrpcConnections.ParseAddress(Address, TlsRootCertPem is not null).Scheme == Uri.UriSchemeHttps;

    public GrpcChannel CreateChannel() => GrpcConnections.Create(Address, TlsRootCertPem, ServerNameOverride);

    public override string ToString() => Address;
}
