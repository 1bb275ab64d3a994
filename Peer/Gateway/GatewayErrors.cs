using Fabricish.Peer.Rpc;
using Grpc.Core;

namespace Fabricish.Peer.Gateway;

/// <summary>The gateway's errors for requests about things this peer does not have.</summary>
internal static class GatewayErrors
{
    public static RpcException ChannelNotFound(string channelId) =>
        RpcExceptions.Create(StatusCode.NotFound, $"channel {channelId} not found: this peer has not joined it");

    public static RpcException ChaincodeNotFound(string chaincodeName, string channelId) =>
        RpcExceptions.Create(StatusCode.NotFound, $"chaincode {chaincodeName} not found on channel {channelId}: it has no definition there");
}
