using Fabricish.Hosting.Rpc;
using Grpc.Core;

namespace Fabricish.Peer.PrivateData;

/// <summary>The private data service's refusals, one named method per domain error.</summary>
internal static class PrivateDataErrors
{
    public static RpcException Malformed(string what) => RpcExceptions.Create(StatusCode.InvalidArgument, $"malformed private data message: {what}");

    public static RpcException ChannelNotJoined(string channelId) => RpcExceptions.Create(StatusCode.NotFound, $"channel {channelId} is not joined by this peer");

    public static RpcException SenderRefused(string reason) => RpcExceptions.Create(StatusCode.PermissionDenied, $"private data message refused: {reason}");

    public static RpcException NotMember(string mspId, string ns, string collection) =>
        RpcExceptions.Create(StatusCode.PermissionDenied, $"{mspId} is not a member of collection {ns}/{collection}");
}
