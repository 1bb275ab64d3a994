using System.Collections.Concurrent;

namespace Fabricish.Ledger.Storage;

/// <summary>The in-memory index: block number → location, tx id → first location. One writer adds blocks;
/// any number of readers query without locks. Entries are immutable once published, and the count is
/// published last, so a reader that sees height h sees every entry below h.</summary>
internal sealed class BlockIndex
{
    private readonly ConcurrentDictionary<string, TxLocation> _txIds = new(StringComparer.Ordinal);
    private BlockLocation[] _locations;
    private int _count;

    public BlockIndex(int capacity) => _locations = new BlockLocation[Math.Max(capacity, 16)];

    public ulong Height => (ulong)Volatile.Read(ref _count);

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

    /// <summary>Hides ids of a block still being published, so a hit always names a readable block.</summary>
    public bool TryGetTxLocation(string txId, out TxLocation location) =>
        _txIds.TryGetValue(txId, out location) && location.BlockNumber < Height;

    /// <summary>Writer only. Blocks arrive in order, so adding only absent ids keeps the first occurrence.</summary>
    public void Add(IndexedBlock block)
    {
        int count = _count;
        if ((ulong)count != block.Location.Number)
        {
            throw new InvalidOperationException($"index expects block {count}, got {block.Location.Number}");
        }

        for (int i = 0; i < block.TxIds.Count; i++)
        {
            string txId = block.TxIds[i];
            if (txId.Length > 0)
            {
                _txIds.TryAdd(txId, new TxLocation(block.Location.Number, i));
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
}
