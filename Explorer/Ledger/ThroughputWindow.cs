namespace Fabricish.Explorer.Ledger;

/// <summary>Committed transactions per second over the last <see cref="Seconds"/> seconds, VALID and not, plus
/// blocks, by the second the explorer saw them committed. Not thread-safe: <see cref="ChannelIndex"/> holds its lock.</summary>
public sealed class ThroughputWindow(int seconds)
{
    private readonly Dictionary<long, (int Valid, int Invalid, int Blocks)> _buckets = [];

    public int Seconds { get; } = seconds;

    public void Add(DateTimeOffset at, int valid, int invalid)
    {
        long second = at.ToUnixTimeSeconds();
        _buckets[second] = _buckets.TryGetValue(second, out var b) ? (b.Valid + valid, b.Invalid + invalid, b.Blocks + 1) : (valid, invalid, 1);
        foreach (long old in _buckets.Keys.Where(k => k <= second - Seconds).ToList())
        {
            _buckets.Remove(old);
        }
    }

    /// <summary>The window ending at <paramref name="now"/>, oldest second first.</summary>
    public ThroughputSnapshot Snapshot(DateTimeOffset now)
    {
        long last = now.ToUnixTimeSeconds();
        var valid = new int[Seconds];
        var invalid = new int[Seconds];
        int blocks = 0;
        for (int i = 0; i < Seconds; i++)
        {
            if (_buckets.TryGetValue(last - Seconds + 1 + i, out var b))
            {
                valid[i] = b.Valid;
                invalid[i] = b.Invalid;
                blocks += b.Blocks;
            }
        }

        return new ThroughputSnapshot(last, valid, invalid, blocks * 60.0 / Seconds);
    }
}
