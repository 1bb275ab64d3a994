using Fabricish.Client;
using Grpc.Net.Client;

namespace Fabricish.Benchmarks.Network;

/// <summary>A peer or orderer of a connection profile: its url (grpc:// or grpcs://), the TLS CA certificate file
/// (tlsCACerts.path) and the name its TLS certificate carries (grpcOptions.ssl-target-name-override).</summary>
public sealed record NodeEndpoint(string Url, string? TlsCaPath, string? ServerName)
{
    public GrpcChannel Connect() =>
        GrpcConnections.Create(Url, TlsCaPath is null ? null : File.ReadAllText(TlsCaPath), ServerName);
}
