using Grpc.Core;

namespace Fabricish.Client;

/// <summary>A gRPC call to the Gateway service failed, as fabric-gateway's <c>GatewayError</c>: the gRPC status and
/// the per-node <see cref="ErrorDetail"/> list the gateway attached.</summary>
public class GatewayException : Exception
{
    public GatewayException()
        : this("gateway call failed", StatusCode.Unknown, [], null)
    {
    }

    public GatewayException(string message)
        : this(message, StatusCode.Unknown, [], null)
    {
    }

    public GatewayException(string message, Exception innerException)
        : this(message, StatusCode.Unknown, [], innerException)
    {
    }

    public GatewayException(string message, StatusCode statusCode, IReadOnlyList<ErrorDetail> details, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Details = details;
    }

    public StatusCode StatusCode { get; }

    public IReadOnlyList<ErrorDetail> Details { get; }
}
