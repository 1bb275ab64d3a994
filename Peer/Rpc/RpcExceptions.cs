using Fabricish.Ledger.State;
using Fabricish.Protos.Gateway;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RpcStatus = Google.Rpc.Status;

namespace Fabricish.Peer.Rpc;

/// <summary>
/// The one place the peer's services turn failures into gRPC errors. As Fabric's gateway does (its
/// <c>newRpcError</c>), an error carries a google.rpc.Status in the grpc-status-details-bin trailer whose details are
/// one <see cref="ErrorDetail"/> per peer or orderer that failed, so a client (the official Fabric Gateway SDKs
/// read them into EndorseError/GatewayError details) learns which node said what without parsing the message.
/// </summary>
public static class RpcExceptions
{
    /// <summary>An error with <paramref name="details"/> packed as <c>gateway.ErrorDetail</c> entries.</summary>
    public static RpcException Create(StatusCode code, string message, IEnumerable<ErrorDetail>? details = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var status = new RpcStatus { Code = (int)code, Message = message };
        foreach (ErrorDetail detail in details ?? [])
        {
            status.Details.Add(Any.Pack(detail));
        }

        return status.ToRpcException();
    }

    /// <summary>An error naming one node (address and MSP) and what it answered.</summary>
    public static RpcException Create(StatusCode code, string message, string address, string mspId, string nodeMessage) =>
        Create(code, message, [Detail(address, mspId, nodeMessage)]);

    public static ErrorDetail Detail(string address, string mspId, string message) =>
        new() { Address = address ?? string.Empty, MspId = mspId ?? string.Empty, Message = message ?? string.Empty };

    /// <summary>
    /// What an unexpected exception of a call means to the caller: a cancelled call, a peer that is shutting down (its
    /// services stop before the channels close), a state database it cannot reach (or still loads from), or a fault of
    /// the peer itself. Outcomes the services expect are
    /// answered explicitly; only these reach here.
    /// </summary>
    /// <param name="stopping">The peer is shutting down (its stopping token fired, not the caller's).</param>
    /// <param name="service">Which part of the peer failed, for the message (e.g. "endorser", "gateway").</param>
    public static RpcException From(Exception exception, bool stopping, string service)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            RpcException rpc => rpc,
            OperationCanceledException when stopping => Create(StatusCode.Unavailable, "the peer is shutting down"),
            OperationCanceledException => Create(StatusCode.Cancelled, "the call was cancelled"),
            ObjectDisposedException => Create(StatusCode.Unavailable, "the peer is shutting down"),
            StateDatabaseUnavailableException => Create(StatusCode.Unavailable, $"the {service} cannot answer now: {exception.Message}"),
            _ => Create(StatusCode.Internal, $"the {service} failed: {exception.Message}"),
        };
    }
}
