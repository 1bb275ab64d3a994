using Fabricish.Protos.Peer;

namespace Fabricish.Client;

/// <summary>A submitted transaction committed with a validation code other than VALID, as fabric-gateway's
/// <c>CommitError</c> thrown by <c>submitTransaction</c>. (<see cref="SubmittedTransaction.GetStatusAsync"/> returns the
/// code as a value instead.)</summary>
public sealed class CommitException : Exception
{
    public CommitException()
        : this("transaction failed to commit")
    {
    }

    public CommitException(string message)
        : base(message)
    {
        TransactionId = string.Empty;
    }

    public CommitException(string message, Exception innerException)
        : base(message, innerException)
    {
        TransactionId = string.Empty;
    }

    public CommitException(Status status)
        : base($"Transaction {status?.TransactionId} failed to commit with status code {(int)(status?.Code ?? 0)} ({status?.Code})")
    {
        ArgumentNullException.ThrowIfNull(status);
        TransactionId = status.TransactionId;
        Code = status.Code;
        BlockNumber = status.BlockNumber;
    }

    public string TransactionId { get; }

    public TxValidationCode Code { get; }

    public ulong BlockNumber { get; }
}
