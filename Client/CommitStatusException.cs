using Grpc.Core;

namespace Fabricish.Client;

/// <summary>Getting a transaction's commit status failed (fabric-gateway's <c>CommitStatusError</c>); the transaction may still commit.</summary>
public sealed class CommitStatusException : GatewayException
{
    public CommitStatusException()
        : this(string.Empty, "commit status failed", StatusCode.Unknown, [], null)
    {
    }

    public CommitStatusException(string message)
        : this(string.Empty, message, StatusCode.Unknown, [], null)
    {
    }

    public CommitStatusException(string message, Exception innerException)
        : this(string.Empty, message, StatusCode.Unknown, [], innerException)
    {
    }

    public CommitStatusException(string transactionId, string message, StatusCode statusCode, IReadOnlyList<ErrorDetail> details, Exception? innerException)
        : base(message, statusCode, details, innerException)
    {
        TransactionId = transactionId;
    }

    public string TransactionId { get; }
}
