namespace Fabricish.Ledger.Storage;

/// <summary>The index: block number → location in memory (a few dozen bytes per block), and optionally tx id → first
/// location on disk (<see cref="TxIdIndex"/>, which grows with every transaction). One writer adds blocks; any number
/// of readers query without locks. Entries are immutable once published, and the count is published last, so a reader
/// that sees height h sees every entry below h.</summary>
internal sealed class BlockIndex
{
    private readonly TxIdIndex? _txIds;
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

        return _txIds.TryGet(txId, out location) && location.BlockNumber < Height;
    }

    /// <summary>Writer only. Blocks arrive in order, so adding only absent ids keeps the first occurrence.</summary>
    public void Add(IndexedBlock block)
    {
        int count = _count;
        if ((ulong)count != block.Location.Number)
        {
            throw new InvalidOperationException($"index expects block {count}, got {block.Location.Number}");
        }

        // Blocks the on-disk index recorded before this open are there already.
        if (_txIds is not null && (long)block.Location.Number > _txIds.Savepoint)
        {
            _txIds.Add(block);
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
}
