using System.Collections.Concurrent;

namespace Fabricish.Ledger.Storage;

/// <summary>The in-memory index: block number → location, and optionally tx id → first location. One writer
/// adds blocks; any number of readers query without locks. Entries are immutable once published, and the count
/// is published last, so a reader that sees height h sees every entry below h.</summary>
internal sealed class BlockIndex
{
    /// <summary>Fabric-shaped ids (nearly all of them) are keyed by their 32 bytes; any other id, e.g. from a
    /// client that does not derive it the Fabric way, by its string. An id lives in exactly one of the two.</summary>
    private readonly ConcurrentDictionary<HexTxId, TxLocation>? _hexTxIds;
    private readonly ConcurrentDictionary<string, TxLocation>? _otherTxIds;
    private BlockLocation[] _locations;
    private int _count;

    public BlockIndex(int capacity, bool indexTxIds)
    {
        _locations = new BlockLocation[Math.Max(capacity, 16)];
        if (indexTxIds)
        {
            _hexTxIds = new ConcurrentDictionary<HexTxId, TxLocation>();
            _otherTxIds = new ConcurrentDictionary<string, TxLocation>(StringComparer.Ordinal);
        }
    }

    public ulong Height => (ulong)Volatile.Read(ref _count);

    public bool IndexesTxIds => _hexTxIds is not null;

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
        if (_hexTxIds is null || _otherTxIds is null)
        {
            throw new InvalidOperationException("transaction ids are not indexed in this block store");
        }

        bool found = HexTxId.TryParse(txId, out var hex)
            ? _hexTxIds.TryGetValue(hex, out location)
            : _otherTxIds.TryGetValue(txId, out location);
        return found && location.BlockNumber < Height;
    }

    /// <summary>Writer only. Blocks arrive in order, so adding only absent ids keeps the first occurrence.</summary>
    public void Add(IndexedBlock block)
    {
        int count = _count;
        if ((ulong)count != block.Location.Number)
        {
            throw new InvalidOperationException($"index expects block {count}, got {block.Location.Number}");
        }

        if (_hexTxIds is not null && _otherTxIds is not null)
        {
            var txIds = block.TxIds
                ?? throw new InvalidOperationException($"block {count} arrived without the tx ids this index keeps");
            for (int i = 0; i < txIds.Count; i++)
            {
                string txId = txIds[i];
                var location = new TxLocation(block.Location.Number, i);
                if (HexTxId.TryParse(txId, out var hex))
                {
                    _hexTxIds.TryAdd(hex, location);
                }
                else if (txId.Length > 0)
                {
                    _otherTxIds.TryAdd(txId, location);
                }
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
