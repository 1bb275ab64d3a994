namespace Fabricish.Ledger.Storage;

/// <summary>The valid prefix of an index log. <see cref="EntryEnds"/>[i] is the file length that keeps entries
/// 0..i, so recovery can cut the log back to any entry. <see cref="TornReason"/> says why reading stopped early.</summary>
internal sealed record IndexLogContents(List<IndexedBlock> Blocks, List<long> EntryEnds, long ValidLength, string? TornReason);
