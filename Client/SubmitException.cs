using Grpc.Core;

namespace Fabricish.Client;

/// <summary>Submitting an endorsed transaction to the orderers failed (fabric-gateway's <c>SubmitError</c>).</summary>
public sealed class SubmitException : GatewayException
{
    public SubmitException()
        : this(string.Empty, "submit failed", StatusCode.Unknown, [], null)
    {
    }

    public SubmitException(string message)
        : this(string.Empty, message, StatusCode.Unknown, [], null)
    {
    }

    public SubmitException(string message, Exception innerException)
        : this(string.Empty, message, StatusCode.Unknown, [], innerException)
    {
    }

    public SubmitException(string transactionId, string message, StatusCode statusCode, IReadOnlyList<ErrorDetail> details, Exception? innerException)
        : base(message, statusCode, details, innerException)
    {
        TransactionId = transactionId;
    }

    public string TransactionId { get; }
}
