using Microsoft.Win32.SafeHandles;

namespace Fabricish.Ledger.Storage;

/// <summary>The segments whose written records one fsync pass must cover: those rolled away from since the last
/// pass, and the current one.</summary>
internal sealed record SegmentFlushTarget(IReadOnlyList<FileStream> Retired, SafeFileHandle Current);
