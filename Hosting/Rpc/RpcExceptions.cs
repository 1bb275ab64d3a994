using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RpcStatus = Google.Rpc.Status;

namespace Fabricish.Hosting.Rpc;

/// <summary>
/// The one place the nodes' services turn failures into gRPC errors: a google.rpc.Status in the
/// grpc-status-details-bin trailer, so a client learns the cause from typed details (the gateway's
/// <c>gateway.ErrorDetail</c> per node that failed, the orderer's <c>google.rpc.ErrorInfo</c>) without parsing the
/// message. Each node names its errors in its own factories (the gateway's <c>GatewayErrors</c>) on top of this.
/// </summary>
public static class RpcExceptions
{
    /// <summary>An error whose status carries <paramref name="details"/>, each packed as an <see cref="Any"/>.</summary>
    public static RpcException Create(StatusCode code, string message, params IEnumerable<IMessage> details)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(details);
        var status = new RpcStatus { Code = (int)code, Message = message };
        foreach (IMessage detail in details)
        {
            status.Details.Add(Any.Pack(detail));
        }

        return status.ToRpcException();
    }
}
