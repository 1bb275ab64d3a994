using System.Collections.Concurrent;
using System.Threading.Channels;
using Fabricish.Protos.Common;

namespace Fabricish.Explorer.Ledger;

/// <summary>
/// The explorer's only memory of a channel, built from the peer's Deliver stream: the newest <see cref="Capacity"/>
/// blocks whole (with a transaction ID → block lookup over them), the last minute's throughput, and the live
/// subscribers. It is bounded by Capacity blocks; anything older is read from the peer again by block number, so the
/// explorer holds no database and never disagrees with the ledger.
/// </summary>
public sealed class ChannelIndex(string channelId, int capacity, TimeProvider time)
{
    private const int SubscriberQueue = 256;
    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, (Block Block, BlockSummary Summary)> _blocks = [];
    private readonly Queue<ulong> _order = new();
    private readonly Dictionary<string, (ulong Block, int Index)> _txIds = new(StringComparer.Ordinal);
    private readonly ThroughputWindow _throughput = new(60);
    private readonly ConcurrentDictionary<Channel<BlockSummary>, byte> _subscribers = new();
    private ulong _height;

    public string ChannelId { get; } = channelId;

    public int Capacity { get; } = capacity;

    /// <summary>The peer's height as the stream last showed it: the newest block's number plus one.</summary>
    public ulong Height
    {
        get
        {
            lock (_gate)
            {
                return _height;
            }
        }
    }

    /// <summary>Why following the channel failed last (null while it works), e.g. FORBIDDEN for a non-reader.</summary>
    public string? LastError { get; set; }

    /// <summary>True once the stream reached the block that was newest when it was opened: later blocks are live.</summary>
    public bool CaughtUp { get; set; }

    public void Add(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        DateTimeOffset now = time.GetUtcNow();
        BlockSummary summary = BlockSummary.From(block, now);
        lock (_gate)
        {
            if (_blocks.ContainsKey(summary.Number))
            {
                return;
            }

            _blocks[summary.Number] = (block, summary);
            _order.Enqueue(summary.Number);
            for (int i = 0; i < summary.TxIds.Count; i++)
            {
                // The first occurrence of an ID is the one that counts (a duplicate is marked DUPLICATE_TXID).
                _txIds.TryAdd(summary.TxIds[i], (summary.Number, i));
            }

            while (_order.Count > Capacity)
            {
                ulong evicted = _order.Dequeue();
                if (_blocks.Remove(evicted, out var old))
                {
                    foreach (string txId in old.Summary.TxIds)
                    {
                        if (_txIds.TryGetValue(txId, out var at) && at.Block == evicted)
                        {
                            _txIds.Remove(txId);
                        }
                    }
                }
            }

            _height = Math.Max(_height, summary.Number + 1);
            // Blocks read while catching up were committed before the explorer looked: their time is their
            // transactions', so the chart shows history as it happened rather than a burst at start.
            DateTimeOffset committed = CaughtUp ? now : summary.Time ?? now;
            _throughput.Add(committed, summary.ValidCount, summary.TxCount - summary.ValidCount);
        }

        foreach (Channel<BlockSummary> subscriber in _subscribers.Keys)
        {
            subscriber.Writer.TryWrite(summary);
        }
    }

    public Block? TryGetBlock(ulong number)
    {
        lock (_gate)
        {
            return _blocks.TryGetValue(number, out var entry) ? entry.Block : null;
        }
    }

    /// <returns>Block number and position of a transaction among the kept blocks, or null.</returns>
    public (ulong Block, int Index)? TryFindTransaction(string txId)
    {
        lock (_gate)
        {
            return _txIds.TryGetValue(txId, out var at) ? at : null;
        }
    }

    /// <summary>The newest kept blocks, newest first, at most <paramref name="count"/>, starting below
    /// <paramref name="before"/> when given.</summary>
    public IReadOnlyList<BlockSummary> Recent(int count, ulong? before = null)
    {
        lock (_gate)
        {
            return [.. _blocks.Values.Select(e => e.Summary).Where(s => before is null || s.Number < before)
                .OrderByDescending(s => s.Number).Take(count)];
        }
    }

    /// <summary>How many transactions of the kept blocks carry each validation code.</summary>
    public IReadOnlyDictionary<int, int> CodeMix()
    {
        lock (_gate)
        {
            return _blocks.Values.SelectMany(e => e.Summary.Codes).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        }
    }

    public ThroughputSnapshot Throughput()
    {
        lock (_gate)
        {
            return _throughput.Snapshot(time.GetUtcNow());
        }
    }

    /// <summary>A queue of every block added from now on; a reader too slow for <see cref="SubscriberQueue"/> blocks
    /// loses the oldest, never holds up the stream.</summary>
    public Channel<BlockSummary> Subscribe()
    {
        var channel = Channel.CreateBounded<BlockSummary>(new BoundedChannelOptions(SubscriberQueue) { FullMode = BoundedChannelFullMode.DropOldest });
        _subscribers.TryAdd(channel, 0);
        return channel;
    }

    public void Unsubscribe(Channel<BlockSummary> subscriber) => _subscribers.TryRemove(subscriber, out _);
}
