using Grpc.Core;

namespace Fabricish.Peer.Endorsing;

/// <summary>The one place the endorsing service's failures become gRPC errors. As in Fabric, a refused proposal or a
/// failed simulation is a ProposalResponse with status 500, never an error; only a cancelled call, a stopping peer or
/// a fault of the peer itself ends the call with an RpcException.</summary>
internal static class EndorserRpcExceptions
{
    public static RpcException From(Exception exception, bool stopping) => exception switch
    {
        RpcException rpc => rpc,
        OperationCanceledException when stopping => new RpcException(new Status(StatusCode.Unavailable, "the peer is shutting down")),
        OperationCanceledException => new RpcException(new Status(StatusCode.Cancelled, "the call was cancelled")),
        ObjectDisposedException => new RpcException(new Status(StatusCode.Unavailable, "the peer is shutting down")),
        _ => new RpcException(new Status(StatusCode.Internal, $"the endorser failed: {exception.Message}")),
    };
}
