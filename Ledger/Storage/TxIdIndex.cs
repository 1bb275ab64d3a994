using System.Buffers.Binary;
using System.Text;
using RocksDbSharp;

namespace Fabricish.Ledger.Storage;

/// <summary>The tx id → first location index of a peer's block store, on disk in an embedded RocksDB store so that the
/// peer's memory does not grow with every transaction ever committed. Keys: 't' + the id's UTF-8 bytes → block number
/// (8 bytes) and position (4 bytes, both big-endian); 'b' + block number → the ids that block recorded first, so the
/// entries of blocks a crash lost can be taken back; 0x00 → the last block recorded. Each block's entries and the
/// savepoint are one atomic write batch. The index log stays the durable source: on open, whatever the store is
/// missing is replayed from it, and whatever it holds beyond the recovered chain is removed.</summary>
internal sealed class TxIdIndex : IDisposable
{
    public const string FolderName = "txidIndex";

    private const byte IdPrefix = (byte)'t';
    private const byte BlockPrefix = (byte)'b';

    private readonly EmbeddedStore _store;
    private long _savepoint;
    private volatile bool _disposed;

    private TxIdIndex(EmbeddedStore store)
    {
        _store = store;
        _savepoint = store.ReadSavepoint(Savepoint0);
    }

    /// <summary>The last block whose ids are recorded; -1 when none is.</summary>
    public long Savepoint => Volatile.Read(ref _savepoint);

    public static TxIdIndex Open(string directory) =>
        new(EmbeddedStore.Open(Path.Combine(directory, FolderName), "tx id index"));

    private static ReadOnlySpan<byte> Savepoint0 => [0x00];

    /// <summary>Takes back the entries of blocks at or above <paramref name="height"/>: blocks a crash lost before
    /// they were durable, which the chain may now hold different ones of.</summary>
    public void ForgetFrom(ulong height)
    {
        if (_savepoint < (long)height)
        {
            return;
        }

        using var batch = new WriteBatch();
        for (long number = (long)height; number <= _savepoint; number++)
        {
            byte[] blockKey = BlockKey((ulong)number);
            if (_store.Db.Get(blockKey) is { } recorded)
            {
                foreach (string txId in DecodeIds(recorded))
                {
                    batch.Delete(IdKey(txId));
                }
            }

            batch.Delete(blockKey);
        }

        EmbeddedStore.PutSavepoint(batch, Savepoint0, (long)height - 1);
        _store.Write(batch);
        Volatile.Write(ref _savepoint, (long)height - 1);
    }

    /// <summary>Records the ids of <paramref name="block"/>, the block after the savepoint, keeping earlier
    /// occurrences (the first one counts, as in Fabric).</summary>
    public void Add(IndexedBlock block)
    {
        ulong number = block.Location.Number;
        if ((long)number != _savepoint + 1)
        {
            throw new InvalidOperationException($"tx id index expects block {_savepoint + 1}, got {number}");
        }

        IReadOnlyList<string> txIds = block.TxIds ?? throw new InvalidOperationException($"block {number} arrived without its tx ids");

        // One lookup for the whole block: a block of a hundred ids costs a native call, not a hundred, on the commit path.
        var candidates = new List<int>(txIds.Count);
        var seen = new HashSet<string>(txIds.Count, StringComparer.Ordinal);
        for (int i = 0; i < txIds.Count; i++)
        {
            string txId = txIds[i];
            if (txId.Length > 0 && seen.Add(txId))
            {
                candidates.Add(i);
            }
        }

        var keys = new byte[candidates.Count][];
        for (int c = 0; c < keys.Length; c++)
        {
            keys[c] = IdKey(txIds[candidates[c]]);
        }

        KeyValuePair<byte[], byte[]>[] recorded = keys.Length == 0 ? [] : _store.Db.MultiGet(keys);
        using var batch = new WriteBatch();
        var firsts = new List<string>(keys.Length);
        Span<byte> location = stackalloc byte[12];
        for (int c = 0; c < keys.Length; c++)
        {
            if (recorded[c].Value is not null)
            {
                continue;
            }

            int i = candidates[c];
            BinaryPrimitives.WriteUInt64BigEndian(location, number);
            BinaryPrimitives.WriteInt32BigEndian(location[8..], i);
            batch.Put(keys[c], location);
            firsts.Add(txIds[i]);
        }

        if (firsts.Count > 0)
        {
            batch.Put(BlockKey(number), EncodeIds(firsts));
        }

        EmbeddedStore.PutSavepoint(batch, Savepoint0, (long)number);
        _store.Write(batch);
        Volatile.Write(ref _savepoint, (long)number);
    }

    public bool TryGet(string txId, out TxLocation location)
    {
        location = default;
        ObjectDisposedException.ThrowIf(_disposed, this);
        byte[]? stored = _store.Db.Get(IdKey(txId));
        if (stored is not { Length: 12 })
        {
            return false;
        }

        location = new TxLocation(BinaryPrimitives.ReadUInt64BigEndian(stored), BinaryPrimitives.ReadInt32BigEndian(stored.AsSpan(8)));
        return true;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _store.Dispose();
    }

    private static byte[] IdKey(string txId)
    {
        byte[] key = new byte[1 + Encoding.UTF8.GetByteCount(txId)];
        key[0] = IdPrefix;
        Encoding.UTF8.GetBytes(txId, key.AsSpan(1));
        return key;
    }

    private static byte[] BlockKey(ulong number)
    {
        byte[] key = new byte[9];
        key[0] = BlockPrefix;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), number);
        return key;
    }

    private static byte[] EncodeIds(List<string> txIds)
    {
        int size = txIds.Sum(id => 4 + Encoding.UTF8.GetByteCount(id));
        byte[] encoded = new byte[size];
        int at = 0;
        foreach (string txId in txIds)
        {
            int length = Encoding.UTF8.GetBytes(txId, encoded.AsSpan(at + 4));
            BinaryPrimitives.WriteInt32BigEndian(encoded.AsSpan(at), length);
            at += 4 + length;
        }

        return encoded;
    }

    private static List<string> DecodeIds(byte[] encoded)
    {
        var txIds = new List<string>();
        for (int at = 0; at + 4 <= encoded.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(encoded.AsSpan(at));
            txIds.Add(Encoding.UTF8.GetString(encoded, at + 4, length));
            at += 4 + length;
        }

        return txIds;
    }
}
