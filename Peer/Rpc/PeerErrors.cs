using Fabricish.Hosting.Rpc;
using Fabricish.Ledger.State;
using Grpc.Core;

namespace Fabricish.Peer.Rpc;

/// <summary>What an unexpected exception of one of the peer's calls means to the caller: the nodes' shared answers
/// (<see cref="RpcFailures"/>), and UNAVAILABLE for a state database the peer cannot reach or still loads from.</summary>
internal static class PeerErrors
{
    private static readonly RpcFailures Failures = new("peer");

    public static RpcException ShuttingDown() => Failures.ShuttingDown();

    /// <param name="stopping">The peer is shutting down (its stopping token fired, not the caller's).</param>
    /// <param name="service">Which part of the peer failed, for the message (e.g. "endorser", "gateway").</param>
    public static RpcException From(Exception exception, bool stopping, string service) => exception is StateDatabaseUnavailableException
        ? Failures.Unavailable(exception, service)
        : Failures.From(exception, service, stopping);
}
