using Fabricish.Hosting.Rpc;
using Grpc.Core;

namespace Fabricish.Peer.Discovery;

/// <summary>The gRPC errors of the discovery service. Fabric returns a plain Go error for a request that fails its
/// structural checks, which gRPC-Go sends as UNKNOWN with the error's text.</summary>
internal static class DiscoveryErrors
{
    public static RpcException Malformed(string message) => RpcExceptions.Create(StatusCode.Unknown, message);
}
