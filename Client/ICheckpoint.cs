namespace Fabricish.Client;

/// <summary>Where event reading left off, as fabric-gateway's <c>Checkpoint</c>: the block to resume at and, within it,
/// the last transaction already processed.</summary>
public interface ICheckpoint
{
    ulong? BlockNumber { get; }

    string? TransactionId { get; }
}
