namespace Fabricish.Ledger.Storage;

/// <summary>Result of scanning one segment: where its valid records end and, if they end before the file
/// does, why.</summary>
internal readonly record struct SegmentScan(long ValidEnd, long FileLength, string? TornReason);
