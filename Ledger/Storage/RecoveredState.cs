namespace Fabricish.Ledger.Storage;

/// <summary>A consistent store as recovery found it: every block to index in order, where each kept index log entry
/// ends (the last end is how much of the log to keep), the entries to append to it, and where the writer continues.
/// Blocks the log kept come without their tx ids; <see cref="Reindexed"/> ones carry them when ids are indexed.</summary>
internal sealed record RecoveredState(
    List<IndexedBlock> Blocks,
    List<long> IndexLogEntryEnds,
    List<IndexedBlock> Reindexed,
    int CurrentSegment,
    long CurrentSegmentLength,
    RecoveryReport Report)
{
    public long IndexLogLength => IndexLogEntryEnds.Count == 0 ? 0 : IndexLogEntryEnds[^1];
}
