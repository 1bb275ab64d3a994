using Google.Rpc;
using Grpc.Core;

namespace Fabricish.Hosting.Rpc;

/// <summary>
/// What a node's services tell a caller about a failure they did not expect; outcomes they expect are answered
/// explicitly (in-band statuses, named errors) and never reach here. A cancelled call, a node that is shutting down
/// (its services stop before what they use is disposed) and a fault of the node itself read the same on every node.
/// </summary>
/// <param name="node">What the node calls itself in messages: <c>orderer</c>, <c>peer</c>.</param>
/// <param name="errorDomain">When set, every error also carries a <see cref="ErrorInfo"/> of this domain whose reason
/// (<c>CANCELLED</c>, <c>SHUTTING_DOWN</c>, <c>UNAVAILABLE</c>, <c>INTERNAL</c>) a client can switch on; the peer sets
/// none, since Fabric's gateway clients read its details as <c>gateway.ErrorDetail</c>.</param>
public sealed class RpcFailures(string node, string? errorDomain = null)
{
    public RpcException ShuttingDown() => Create(StatusCode.Unavailable, $"the {node} is shutting down", "SHUTTING_DOWN");

    /// <summary>Something the node depends on cannot answer now (a state database down or still loading): UNAVAILABLE,
    /// so a client may retry.</summary>
    /// <param name="service">Which part of the node failed, for the message (<c>endorser</c>, <c>gateway</c>).</param>
    public RpcException Unavailable(Exception exception, string service)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Create(StatusCode.Unavailable, $"the {service} cannot answer now: {exception.Message}", "UNAVAILABLE");
    }

    /// <param name="service">Which part of the node failed, for the message (<c>orderer</c>, <c>endorser</c>, <c>gateway</c>).</param>
    /// <param name="stopping">The node is shutting down (its stopping token fired, not the caller's).</param>
    public RpcException From(Exception exception, string service, bool stopping)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            RpcException rpc => rpc,
            OperationCanceledException when stopping => ShuttingDown(),
            OperationCanceledException => Create(StatusCode.Cancelled, "the call was cancelled", "CANCELLED"),
            ObjectDisposedException => ShuttingDown(),
            _ => Create(StatusCode.Internal, $"the {service} failed: {exception.Message}", "INTERNAL"),
        };
    }

    private RpcException Create(StatusCode code, string message, string reason) => errorDomain is null
        ? RpcExceptions.Create(code, message)
        : RpcExceptions.Create(code, message, new ErrorInfo { Domain = errorDomain, Reason = reason });
}
