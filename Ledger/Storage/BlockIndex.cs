using System.Collections.Concurrent;

namespace Fabricish.Ledger.Storage;

/// <summary>The index: block number → location in memory (a few dozen bytes per block), and optionally tx id → first
/// location on disk (<see cref="TxIdIndex"/>, which grows with every transaction). One writer adds blocks; any number
/// of readers query without locks. Entries are immutable once published, and the count is published last, so a reader
/// that sees height h sees every entry below h.</summary>
internal sealed class BlockIndex
{
    private readonly TxIdIndex? _txIds;

    // First occurrences among blocks added without their ids (AddDeferringTxIds) until RecordTxIds takes them into
    // _txIds. Removed only after that, so a reader that misses here finds them there.
    private readonly ConcurrentDictionary<string, TxLocation> _pendingTxIds = new(StringComparer.Ordinal);
    private BlockLocation[] _locations;
    private int _count;

    public BlockIndex(int capacity, TxIdIndex? txIds)
    {
        _locations = new BlockLocation[Math.Max(capacity, 16)];
        _txIds = txIds;
    }

    public ulong Height => (ulong)Volatile.Read(ref _count);

    public bool IndexesTxIds => _txIds is not null;

    public bool TryGetLocation(ulong number, out BlockLocation location)
    {
        int count = Volatile.Read(ref _count);
        if (number >= (ulong)count)
        {
            location = default;
            return false;
        }

        location = Volatile.Read(ref _locations)[(int)number];
        return true;
    }

    /// <summary>Hides ids of a block still being published, so a hit always names a readable block. Throws when
    /// tx ids are not indexed: answering "absent" would let a caller judge a duplicate to be new.</summary>
    public bool TryGetTxLocation(string txId, out TxLocation location)
    {
        if (_txIds is null)
        {
            throw new InvalidOperationException("transaction ids are not indexed in this block store");
        }

        // Pending first: an id leaves the pending set only once the on-disk index has it, so asking in this order
        // cannot miss an id that moves between the two meanwhile. A pending hit is never earlier than an indexed one's
        // block, so the indexed occurrence, when there is one, is the first.
        bool pending = _pendingTxIds.TryGetValue(txId, out TxLocation pendingLocation);
        if (_txIds.TryGet(txId, out location) && location.BlockNumber < Height)
        {
            return true;
        }

        location = pendingLocation;
        return pending && location.BlockNumber < Height;
    }

    /// <summary>Writer only. Blocks arrive in order, so adding only absent ids keeps the first occurrence.</summary>
    public void Add(IndexedBlock block) => Add(block, deferTxIds: false);

    /// <summary>As <see cref="Add(IndexedBlock)"/>, but the block's ids are only held in memory, answering lookups at
    /// once, until <see cref="RecordTxIds"/> writes them to the on-disk index: that write then runs where the store
    /// syncs, off the appending thread.</summary>
    public void AddDeferringTxIds(IndexedBlock block) => Add(block, deferTxIds: true);

    /// <summary>Writes the ids of <paramref name="block"/>, added with <see cref="AddDeferringTxIds"/>, to the on-disk
    /// index, blocks in order; one caller at a time (the store's sync).</summary>
    public void RecordTxIds(IndexedBlock block)
    {
        if (_txIds is null || (long)block.Location.Number <= _txIds.Savepoint)
        {
            return;
        }

        _txIds.Add(block);
        ForgetPending(block);
    }

    private void Add(IndexedBlock block, bool deferTxIds)
    {
        int count = _count;
        if ((ulong)count != block.Location.Number)
        {
            throw new InvalidOperationException($"index expects block {count}, got {block.Location.Number}");
        }

        // Blocks the on-disk index recorded before this open are there already.
        if (_txIds is not null && (long)block.Location.Number > _txIds.Savepoint)
        {
            if (deferTxIds)
            {
                Hold(block);
            }
            else
            {
                _txIds.Add(block);
            }
        }

        var locations = _locations;
        if (count == locations.Length)
        {
            var grown = new BlockLocation[locations.Length * 2];
            locations.CopyTo(grown, 0);
            Volatile.Write(ref _locations, grown);
            locations = grown;
        }

        locations[count] = block.Location;
        Volatile.Write(ref _count, count + 1);
    }

    private void Hold(IndexedBlock block)
    {
        IReadOnlyList<string> txIds = block.TxIds ?? throw new InvalidOperationException($"block {block.Location.Number} arrived without its tx ids");
        for (int i = 0; i < txIds.Count; i++)
        {
            if (txIds[i].Length > 0)
            {
                _pendingTxIds.TryAdd(txIds[i], new TxLocation(block.Location.Number, i));
            }
        }
    }

    private void ForgetPending(IndexedBlock block)
    {
        if (block.TxIds is not { } txIds)
        {
            return;
        }

        for (int i = 0; i < txIds.Count; i++)
        {
            if (txIds[i].Length > 0)
            {
                _pendingTxIds.TryRemove(new KeyValuePair<string, TxLocation>(txIds[i], new TxLocation(block.Location.Number, i)));
            }
        }
    }
}
