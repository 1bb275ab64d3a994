namespace Fabricish.Client;

/// <summary>Records progress through an event stream so reading can resume after a restart, as fabric-gateway's
/// <c>Checkpointer</c>.</summary>
public interface ICheckpointer : ICheckpoint
{
    /// <summary>Every event of the block is processed: resume at the next block.</summary>
    Task CheckpointBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default);

    /// <summary>The transaction's events are processed: resume after it within its block.</summary>
    Task CheckpointTransactionAsync(ulong blockNumber, string transactionId, CancellationToken cancellationToken = default);

    Task CheckpointChaincodeEventAsync(ChaincodeEvent chaincodeEvent, CancellationToken cancellationToken = default);
}
