namespace Fabricish.Ledger.Storage;

/// <summary>One index log entry: a block's location and the tx ids of its data entries in order (empty string
/// for an entry carrying none), or null <paramref name="TxIds"/> when they are not at hand: not recorded (the store
/// does not index them, or the entry was written by one that did not), or left on disk by
/// <see cref="IndexLog.Load"/>, which <see cref="TxIdsRecorded"/> tells apart.</summary>
internal sealed record IndexedBlock(BlockLocation Location, IReadOnlyList<string>? TxIds)
{
    /// <summary>Whether the entry names the block's tx ids, whether or not they were read into memory.</summary>
    public bool TxIdsRecorded { get; init; } = TxIds is not null;
}
