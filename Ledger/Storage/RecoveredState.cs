namespace Fabricish.Ledger.Storage;

/// <summary>A consistent store as recovery found it: every block to index in order, how much of the index log
/// to keep, the entries to append to it, and where the writer continues.</summary>
internal sealed record RecoveredState(
    List<IndexedBlock> Blocks,
    long IndexLogLength,
    List<IndexedBlock> Reindexed,
    int CurrentSegment,
    long CurrentSegmentLength,
    RecoveryReport Report);
