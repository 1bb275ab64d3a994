using System.Diagnostics;
using Fabricish.Benchmarks.Network;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;

namespace Fabricish.Benchmarks.Harness;

/// <summary>
/// One load run against one orderer node: N clients, each in a loop, sign a fresh envelope, broadcast it and wait for
/// the answer (SUCCESS once Kafka acknowledged it); a watcher follows the node's blocks and matches each envelope in
/// each new block to its broadcast and acknowledgement times.
/// </summary>
public sealed class LoadRun
{
    private readonly SigningIdentity _client;
    private readonly string _channelId;
    private readonly int _dataBytes;
    private readonly ChunkedTimestamps _sent = new();
    private readonly ChunkedTimestamps _acked = new();
    private readonly LatencyRecorder _cut = new();
    private readonly LatencyRecorder _endToEnd = new();
    private long _nextSequence;
    private long _windowStart;
    private long _windowEnd;
    private long _sentInWindow;
    private long _ackedInWindow;
    private long _ackedTotal;
    private long _refused;
    private long _seenTotal;
    private long _inBlocksInWindow;
    private long _blocksInWindow;
    private long _writtenBeforeAck;

    public LoadRun(SigningIdentity client, string channelId, int envelopeBytes)
    {
        _client = client;
        _channelId = channelId;
        _dataBytes = BenchEnvelopes.DataBytesFor(client, channelId, envelopeBytes);
        EnvelopeBytes = envelopeBytes;
    }

    public int EnvelopeBytes { get; }

    public StageTimes Stages { get; } = new();

    public long SentInWindow => Interlocked.Read(ref _sentInWindow);

    public long AckedInWindow => Interlocked.Read(ref _ackedInWindow);

    public long Refused => Interlocked.Read(ref _refused);

    public long InBlocksInWindow => Interlocked.Read(ref _inBlocksInWindow);

    public long BlocksInWindow => Interlocked.Read(ref _blocksInWindow);

    public long WrittenBeforeAck => Interlocked.Read(ref _writtenBeforeAck);

    public LatencyRecorder CutLatency => _cut;

    public LatencyRecorder EndToEndLatency => _endToEnd;

    /// <summary>Opens the measured window: from now on sends, acknowledgements and written blocks count.</summary>
    public void OpenWindow() => Interlocked.Exchange(ref _windowStart, Stopwatch.GetTimestamp());

    /// <summary>Closes the window; blocks written later no longer count towards throughput.</summary>
    public void CloseWindow() => Interlocked.Exchange(ref _windowEnd, Stopwatch.GetTimestamp());

    public Task RunClientsAsync(int clients, Func<IBroadcastClient> connect, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => ClientAsync(connect, stop), CancellationToken.None)));

    /// <summary>Waits until every acknowledged envelope was seen in a block, or <paramref name="timeout"/> passed.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (Interlocked.Read(ref _seenTotal) < Interlocked.Read(ref _ackedTotal))
        {
            if (watch.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Matches every block of <paramref name="blocks"/> to the envelopes' send times until it ends or is cancelled.</summary>
    public async Task WatchBlocksAsync(IAsyncEnumerable<Block> blocks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        try
        {
            await foreach (Block block in blocks.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                OnBlock(block, Stopwatch.GetTimestamp());
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ClientAsync(Func<IBroadcastClient> connect, CancellationToken stop)
    {
        await using IBroadcastClient client = connect();
        while (!stop.IsCancellationRequested)
        {
            long sequence = Interlocked.Increment(ref _nextSequence);
            long started = Stopwatch.GetTimestamp();
            Envelope envelope = BenchEnvelopes.Signed(_client, _channelId, sequence, _dataBytes);
            long signed = Stopwatch.GetTimestamp();
            _sent.Set(sequence, signed);
            bool inWindow = InWindow(signed);
            if (inWindow)
            {
                Interlocked.Increment(ref _sentInWindow);
            }

            BroadcastAck ack = await client.SendAsync(envelope).ConfigureAwait(false);
            long acknowledged = Stopwatch.GetTimestamp();
            if (!ack.Accepted)
            {
                Interlocked.Increment(ref _refused);
                continue;
            }

            _acked.Set(sequence, acknowledged);
            Interlocked.Increment(ref _ackedTotal);
            if (inWindow)
            {
                Interlocked.Increment(ref _ackedInWindow);
                Stages.Add(started, signed, ack.ValidatedAt == 0 ? signed : ack.ValidatedAt, acknowledged);
            }
        }
    }

    private void OnBlock(Block block, long written)
    {
        bool blockInWindow = InWindow(written);
        long envelopes = 0;
        foreach (var data in block.Data.Data)
        {
            long sequence = BenchEnvelopes.SequenceOf(data);
            if (sequence <= 0)
            {
                continue;
            }

            envelopes++;
            long sent = _sent.Get(sequence);
            if (!InWindow(sent))
            {
                continue;
            }

            _endToEnd.Add(sent, written);
            long acked = _acked.Get(sequence);
            if (acked == 0 || acked > written)
            {
                Interlocked.Increment(ref _writtenBeforeAck);
                _cut.Add(written, written);
            }
            else
            {
                _cut.Add(acked, written);
            }
        }

        Interlocked.Add(ref _seenTotal, envelopes);
        if (blockInWindow && envelopes > 0)
        {
            Interlocked.Add(ref _inBlocksInWindow, envelopes);
            Interlocked.Increment(ref _blocksInWindow);
        }
    }

    private bool InWindow(long timestamp)
    {
        long start = Interlocked.Read(ref _windowStart);
        long end = Interlocked.Read(ref _windowEnd);
        return start != 0 && timestamp >= start && (end == 0 || timestamp <= end);
    }
}
