using Fabricish.Client;
using Grpc.Net.Client;

namespace Fabricish.Explorer.Ledger;

/// <summary>A peer or orderer as a connection profile names it: its url (grpc:// or grpcs://), the TLS CA certificate
/// file (tlsCACerts.path) and the name its TLS certificate carries (grpcOptions.ssl-target-name-override).</summary>
public sealed record ProfileNode(string Name, string Url, string? TlsCaPath, string? ServerName)
{
    public GrpcChannel Connect() =>
        GrpcConnections.Create(Url, TlsCaPath is null ? null : File.ReadAllText(TlsCaPath), ServerName);
}
