namespace Fabricish.Client;

/// <summary>A checkpointer held in memory, for resuming a stream within one process (fabric-gateway's
/// <c>checkpointers.inMemory()</c>).</summary>
public sealed class InMemoryCheckpointer : ICheckpointer
{
    private readonly Lock _lock = new();
    private ulong? _blockNumber;
    private string? _transactionId;

    public ulong? BlockNumber
    {
        get
        {
            lock (_lock)
            {
                return _blockNumber;
            }
        }
    }

    public string? TransactionId
    {
        get
        {
            lock (_lock)
            {
                return _transactionId;
            }
        }
    }

    public Task CheckpointBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _blockNumber = blockNumber + 1;
            _transactionId = null;
        }

        return Task.CompletedTask;
    }

    public Task CheckpointTransactionAsync(ulong blockNumber, string transactionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(transactionId);
        lock (_lock)
        {
            _blockNumber = blockNumber;
            _transactionId = transactionId;
        }

        return Task.CompletedTask;
    }

    public Task CheckpointChaincodeEventAsync(ChaincodeEvent chaincodeEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chaincodeEvent);
        return CheckpointTransactionAsync(chaincodeEvent.BlockNumber, chaincodeEvent.TransactionId, cancellationToken);
    }
}
