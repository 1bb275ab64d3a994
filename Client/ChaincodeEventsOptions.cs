namespace Fabricish.Client;

/// <summary>Where a chaincode event stream starts, as fabric-gateway's <c>ChaincodeEventsOptions</c>: a checkpoint
/// with a block number wins over <see cref="StartBlock"/>; with neither, the stream starts at the next block to commit.</summary>
public sealed class ChaincodeEventsOptions
{
    public ulong? StartBlock { get; init; }

    public ICheckpoint? Checkpoint { get; init; }
}
