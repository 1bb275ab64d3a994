namespace Fabricish.Ledger;

/// <summary>What opening a store had to repair after an unclean shutdown.</summary>
/// <param name="Height">Blocks present after recovery.</param>
/// <param name="TruncatedSegmentBytes">Bytes of torn tail cut from the last segment.</param>
/// <param name="SegmentTailProblem">Why the tail was cut (partial length prefix, short record, checksum …).</param>
/// <param name="IndexProblem">Why the persisted index was cut back, if it was.</param>
/// <param name="IndexEntriesDropped">Index entries discarded because they did not match the segments.</param>
/// <param name="BlocksReindexed">Blocks found in segments but missing from the index, now indexed.</param>
public sealed record RecoveryReport(
    ulong Height,
    long TruncatedSegmentBytes,
    string? SegmentTailProblem,
    string? IndexProblem,
    int IndexEntriesDropped,
    int BlocksReindexed)
{
    public bool WasClean =>
        TruncatedSegmentBytes == 0 && SegmentTailProblem is null && IndexProblem is null
        && IndexEntriesDropped == 0 && BlocksReindexed == 0;
}
