using Grpc.Core;

namespace Fabricish.Client;

/// <summary>Endorsing a transaction failed (fabric-gateway's <c>EndorseError</c>): no endorsement satisfying the policy was collected.</summary>
public sealed class EndorseException : GatewayException
{
    public EndorseException()
        : this(string.Empty, "endorse failed", StatusCode.Unknown, [], null)
    {
    }

    public EndorseException(string message)
        : this(string.Empty, message, StatusCode.Unknown, [], null)
    {
    }

    public EndorseException(string message, Exception innerException)
        : this(string.Empty, message, StatusCode.Unknown, [], innerException)
    {
    }

    public EndorseException(string transactionId, string message, StatusCode statusCode, IReadOnlyList<ErrorDetail> details, Exception? innerException)
        : base(message, statusCode, details, innerException)
    {
        TransactionId = transactionId;
    }

    public string TransactionId { get; }
}
