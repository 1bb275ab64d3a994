namespace Fabricish.Peer.Discovery;

/// <summary>How the peer's gRPC listener uses TLS, which decides when discovery checks a request's TLS binding.</summary>
internal enum DiscoveryTls
{
    None,
    ServerTls,
    MutualTls,
}
