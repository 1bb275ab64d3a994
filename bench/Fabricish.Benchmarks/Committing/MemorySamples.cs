namespace Fabricish.Benchmarks.Committing;

/// <summary>The resident set once <see cref="CommitRunResult.RssMarkBlocks"/> measured blocks are committed, and the
/// largest seen after every later block.</summary>
internal sealed class MemorySamples
{
    public double? AtMark { get; private set; }

    public double? Peak { get; private set; }

    public void Committed(int blocks)
    {
        if (blocks < CommitRunResult.RssMarkBlocks || ProcessMemory.ResidentMiB() is not { } rss)
        {
            return;
        }

        AtMark ??= rss;
        Peak = Math.Max(Peak ?? 0, rss);
    }
}
