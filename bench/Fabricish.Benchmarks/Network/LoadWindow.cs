using System.Diagnostics;
using System.Globalization;
using Fabricish.Benchmarks.Harness;

namespace Fabricish.Benchmarks.Network;

/// <summary>
/// The phases of the load on the Stopwatch clock: warm-up from <see cref="LoadStart"/>, then the measured window until
/// the duration is over (or the asked number of transactions has started), then the drain of those in flight. Takes
/// the CPU snapshots at the window's edges.
/// </summary>
public sealed class LoadWindow(NetworkBenchOptions options)
{
    private readonly long? _count = options.TransactionCount;
    private long _measuredStarted;
    private long _stoppedAt;

    public long LoadStart { get; } = Stopwatch.GetTimestamp();

    public long WarmupEnd => LoadStart + Ticks(options.Warmup);

    /// <summary>When the load stopped starting transactions (duration over or count reached).</summary>
    public long StoppedAt => Interlocked.Read(ref _stoppedAt);

    public Dictionary<string, TimeSpan>? CpuBefore { get; private set; }

    public Dictionary<string, TimeSpan>? CpuAfter { get; private set; }

    public (long Busy, long Total)? MachineBefore { get; private set; }

    public (long Busy, long Total)? MachineAfter { get; private set; }

    /// <summary>Called when the window opens and when it closes (with the CPU snapshots).</summary>
    public Action? AtWindowStart { get; set; }

    public Action? AtWindowEnd { get; set; }

    /// <summary>Seconds between the two CPU snapshots.</summary>
    public double CpuSeconds { get; private set; }

    /// <summary>Called once per transaction start: whether it counts.</summary>
    public bool Measured()
    {
        long now = Stopwatch.GetTimestamp();
        if (now < WarmupEnd)
        {
            return false;
        }

        return _count is { } n ? Interlocked.Increment(ref _measuredStarted) <= n : now < WarmupEnd + Ticks(options.Duration);
    }

    public bool Stop()
    {
        bool over = _count is { } n
            ? Interlocked.Read(ref _measuredStarted) >= n
            : Stopwatch.GetTimestamp() >= WarmupEnd + Ticks(options.Duration);
        if (over)
        {
            MarkStopped();
        }

        return over;
    }

    public void MarkStopped() => Interlocked.CompareExchange(ref _stoppedAt, Stopwatch.GetTimestamp(), 0);

    /// <summary>The window's end: the duration's end, or (counted transactions) the last measured one's finish.</summary>
    public long WindowEnd(IEnumerable<TxRecord> records)
    {
        if (_count is null)
        {
            return WarmupEnd + Ticks(options.Duration);
        }

        long last = records.Where(r => r.Measured).Select(r => r.Committed).DefaultIfEmpty(0).Max();
        return Math.Max(last, WarmupEnd + 1);
    }

    public double WindowStartSeconds(long origin) => TxStats.Ms(origin, WarmupEnd) / 1000;

    public double WindowEndSeconds(long origin, IEnumerable<TxRecord> records) => TxStats.Ms(origin, WindowEnd(records)) / 1000;

    public async Task SampleCpuAsync(IReadOnlyDictionary<string, int> pids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pids);
        TimeSpan wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), WarmupEnd);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }

        long from = Stopwatch.GetTimestamp();
        AtWindowStart?.Invoke();
        CpuBefore = ComponentCpu.Snapshot(pids);
        MachineBefore = ProcessStats.MachineCpu();
        while (!Stop() && StoppedAt == 0 && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        AtWindowEnd?.Invoke();
        CpuAfter = ComponentCpu.Snapshot(pids);
        MachineAfter = ProcessStats.MachineCpu();
        CpuSeconds = Stopwatch.GetElapsedTime(from).TotalSeconds;
    }

    public async Task ReportProgressAsync(TxTracker tracker, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(progress);
        long lastDone = 0;
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
                long done = tracker.All.Count(r => r.Outcome == TxOutcome.Committed && r.Committed >= LoadStart);
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"bench: {Stopwatch.GetElapsedTime(LoadStart).TotalSeconds:0} s: {done:N0} committed ({(done - lastDone) / 5.0:0} tx/s), {tracker.InFlight} in flight")).ConfigureAwait(false);
                lastDone = done;
            }
        }
        catch (OperationCanceledException)
        {
            // The load is over.
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
