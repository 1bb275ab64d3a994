using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Fabricish.Orderer.Services;

/// <summary>
/// The one place failures become gRPC errors. Broadcast and Deliver outcomes are statuses in their response messages,
/// never errors; only a cancelled call or a fault of the node itself ends a stream with an RpcException, carrying a
/// google.rpc.Status with an ErrorInfo so clients can tell the cause without parsing text.
/// </summary>
public static class RpcExceptions
{
    public const string Domain = "orderer.fabricish";

    public static RpcException From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            RpcException rpc => rpc,
            OperationCanceledException => Create(Code.Cancelled, "the call was cancelled", "CANCELLED"),
            ObjectDisposedException => Create(Code.Unavailable, "the orderer is shutting down", "SHUTTING_DOWN"),
            _ => Create(Code.Internal, $"the orderer failed: {exception.Message}", "INTERNAL"),
        };
    }

    public static RpcException Create(Code code, string message, string reason)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.Add(Any.Pack(new ErrorInfo { Domain = Domain, Reason = reason }));
        return status.ToRpcException();
    }
}
