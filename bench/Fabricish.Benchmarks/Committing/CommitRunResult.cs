namespace Fabricish.Benchmarks.Committing;

/// <summary>One committer run over the measured blocks; stage times are milliseconds per block. Version load and
/// bulk write are timed inside the run (around the state database calls); validation and block append are timed in
/// a separate pass over the same blocks, so "other" is what remains of a commit (block checks, data hash, MVCC
/// comparison, filter, history file append).</summary>
public sealed record CommitRunResult
{
    public required bool ParallelValidation { get; init; }

    /// <summary>Whether state writes ran in the committer's pipeline (the peer's default) or each commit waited for
    /// its own (BlockCommitterOptions.MaxPendingStateWrites = 0).</summary>
    public required bool PipelinedStateWrites { get; init; }

    /// <summary>State writes (_bulk_docs round + savepoint) for the measured blocks.</summary>
    public required int StateWrites { get; init; }

    public required int SavepointsRecorded { get; init; }

    public required int Blocks { get; init; }

    public required int Transactions { get; init; }

    public required int ValidTransactions { get; init; }

    public required double Seconds { get; init; }

    public double BlocksPerSecond => Blocks / Seconds;

    public double TransactionsPerSecond => Transactions / Seconds;

    /// <summary>Wall time per block (measured window / blocks).</summary>
    public required double CommitMsPerBlock { get; init; }

    /// <summary>Latency from handing a block to the committer until its state is durable.</summary>
    public required double CommitP50Ms { get; init; }

    public required double CommitP99Ms { get; init; }

    public required double ValidationMsPerBlock { get; init; }

    public required double VersionLoadMsPerBlock { get; init; }

    public required double BulkWriteMsPerBlock { get; init; }

    public required double AppendMsPerBlock { get; init; }

    /// <summary>The block store fsync (segment and index entry) the state-write pipeline does before each write, timed
    /// in the separate pass one block at a time.</summary>
    public required double BlockSyncMsPerBlock { get; init; }

    /// <summary>What the stages leave of the wall time per block; stages overlap when pipelined, so then 0.</summary>
    public double OtherMsPerBlock => Math.Max(0, CommitMsPerBlock - ValidationMsPerBlock - VersionLoadMsPerBlock - BulkWriteMsPerBlock - AppendMsPerBlock - BlockSyncMsPerBlock);

    /// <summary>Garbage collections in this process during the measured window (gen 0, 1, 2), their total pause, and
    /// the bytes allocated per block: the pauses stop validation and the pipeline alike.</summary>
    public required IReadOnlyList<int> Collections { get; init; }

    public required double GcPauseMs { get; init; }

    public required double AllocatedKBPerBlock { get; init; }

    /// <summary>CPU of this process (the committer) during the measured window, in cores.</summary>
    public required double CommitterCores { get; init; }

    /// <summary>CPU of the whole machine during the window, in cores (includes pouchdb-server).</summary>
    public double? MachineCores { get; init; }

    /// <summary>The process's resident set once the first <see cref="RssMarkBlocks"/> measured blocks were committed,
    /// and the largest sampled after that (after every committed block), in MiB: a committer whose memory grows with the
    /// chain shows it in their ratio. Null when the run is shorter.</summary>
    public double? RssAfterMarkMiB { get; init; }

    public double? PeakRssAfterMarkMiB { get; init; }

    public const int RssMarkBlocks = 500;

    /// <summary>The kernel's peak resident set of the whole process (VmHWM), including seeding and building.</summary>
    public double? ProcessPeakRssMiB { get; init; }

    public double? RssGrowth => RssAfterMarkMiB is { } mark && PeakRssAfterMarkMiB is { } peak ? peak / mark : null;
}
