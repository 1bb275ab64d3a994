using Fabricish.Ledger.State;
using Fabricish.Peer.Rpc;
using Grpc.Core;

namespace Fabricish.Peer.Tests.Rpc;

/// <summary>The peer's answers to failures its services did not expect: the nodes' shared mapping without details
/// (gateway clients read a peer's details as ErrorDetail), and UNAVAILABLE for a state database it cannot reach.</summary>
public sealed class PeerErrorsTests
{
    [Fact]
    public void A_cancellation_while_the_peer_stops_is_unavailable_and_one_of_the_caller_is_cancelled()
    {
        RpcException stopping = PeerErrors.From(new OperationCanceledException(), stopping: true, "gateway");
        RpcException cancelled = PeerErrors.From(new OperationCanceledException(), stopping: false, "gateway");

        Assert.Equal((StatusCode.Unavailable, "the peer is shutting down"), (stopping.StatusCode, stopping.Status.Detail));
        Assert.Equal((StatusCode.Cancelled, "the call was cancelled"), (cancelled.StatusCode, cancelled.Status.Detail));
    }

    [Fact]
    public void An_unreachable_state_database_is_unavailable_and_a_fault_of_the_peer_internal_naming_the_service()
    {
        RpcException database = PeerErrors.From(new StateDatabaseUnavailableException("couchdb is down"), stopping: false, "endorser");
        RpcException fault = PeerErrors.From(new InvalidOperationException("boom"), stopping: false, "gateway");

        Assert.Equal((StatusCode.Unavailable, "the endorser cannot answer now: couchdb is down"), (database.StatusCode, database.Status.Detail));
        Assert.Equal((StatusCode.Internal, "the gateway failed: boom"), (fault.StatusCode, fault.Status.Detail));
        Assert.Empty(fault.GetRpcStatus()!.Details);
    }

    [Fact]
    public void An_rpc_exception_passes_through_unchanged()
    {
        var refused = new RpcException(new Status(StatusCode.PermissionDenied, "no"));

        Assert.Same(refused, PeerErrors.From(refused, stopping: true, "gateway"));
    }
}
