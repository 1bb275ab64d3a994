using System.Diagnostics;

namespace Fabricish.Benchmarks.Harness;

/// <summary>Wall time each broadcast stage took, summed over the envelopes sent inside the measured window, so the
/// report can say where a client's round trip goes.</summary>
public sealed class StageTimes
{
    private long _count;
    private long _signTicks;
    private long _processTicks;
    private long _orderTicks;

    public long Count => Interlocked.Read(ref _count);

    public void Add(long started, long signed, long processed, long acknowledged)
    {
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _signTicks, signed - started);
        Interlocked.Add(ref _processTicks, processed - signed);
        Interlocked.Add(ref _orderTicks, acknowledged - processed);
    }

    public double SignMicroseconds => Average(Interlocked.Read(ref _signTicks));

    public double ProcessMicroseconds => Average(Interlocked.Read(ref _processTicks));

    public double OrderMicroseconds => Average(Interlocked.Read(ref _orderTicks));

    private double Average(long ticks)
    {
        long count = Count;
        return count == 0 ? 0 : ticks * 1e6 / Stopwatch.Frequency / count;
    }
}
