using System.Buffers.Binary;
using RocksDbSharp;

namespace Fabricish.Ledger.Storage;

/// <summary>One embedded RocksDB store in a channel's ledger folder — the world state, the history index or the tx id
/// index — opened with bounded memory (<see cref="EmbeddedStoreOptions"/>) and closed with the native objects it
/// needs kept alive. Writes are not fsynced: whatever is written here is derived from the block store, which is synced
/// before, so a write a power cut loses is written again from the blocks on restart. RocksDB's failures surface as
/// <see cref="IOException"/> naming the store.</summary>
internal sealed class EmbeddedStore : IDisposable
{
    private readonly Cache _cache;
    private readonly WriteOptions _writeOptions = new WriteOptions().SetSync(false);
    private readonly string _what;

    private EmbeddedStore(RocksDb db, Cache cache, string path, string what)
    {
        Db = db;
        _cache = cache;
        Path = path;
        _what = what;
    }

    public RocksDb Db { get; }

    public string Path { get; }

    /// <summary>Opens (creating if missing) the store in <paramref name="path"/>, described as <paramref name="what"/>
    /// in errors; one process at a time. A crash's torn write-ahead log tail is dropped by RocksDB itself.</summary>
    public static EmbeddedStore Open(string path, string what, EmbeddedStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new EmbeddedStoreOptions();
        Cache cache = Cache.CreateLru(options.BlockCacheBytes);
        var table = new BlockBasedTableOptions().SetBlockCache(cache).SetCacheIndexAndFilterBlocks(true);
        if (options.PointLookups)
        {
            table.SetFilterPolicy(BloomFilterPolicy.Create(10, false)).SetPinL0FilterAndIndexBlocksInCache(true);
        }

        var dbOptions = new DbOptions()
            .SetCreateIfMissing(true)
            .SetWriteBufferSize(options.WriteBufferBytes)
            .SetMaxWriteBufferNumber(2)
            .SetMaxOpenFiles(options.MaxOpenFiles)
            .SetKeepLogFileNum(2)
            .SetCompression(Compression.Lz4)
            .SetBlockBasedTableFactory(table);
        try
        {
            return new EmbeddedStore(RocksDb.Open(dbOptions, path), cache, path, what);
        }
        catch (RocksDbSharpException e)
        {
            throw new IOException($"cannot open the {what} in '{path}': {e.Message}", e);
        }
    }

    /// <summary>Writes <paramref name="batch"/> atomically: all of it survives a crash or none of it.</summary>
    public void Write(WriteBatch batch)
    {
        try
        {
            Db.Write(batch, _writeOptions);
        }
        catch (RocksDbSharpException e)
        {
            throw new IOException($"writing the {_what} in '{Path}' failed: {e.Message}", e);
        }
    }

    /// <summary>The block number stored under <paramref name="key"/> by <see cref="PutSavepoint"/>; -1 when none is.</summary>
    public long ReadSavepoint(ReadOnlySpan<byte> key) =>
        Db.Get(key) is { Length: 8 } stored ? (long)BinaryPrimitives.ReadUInt64BigEndian(stored) : -1;

    /// <summary>Records <paramref name="savepoint"/> in <paramref name="batch"/>, or removes it when negative (nothing
    /// recorded), so it lands in the same atomic write as the entries it describes.</summary>
    public static void PutSavepoint(WriteBatch batch, ReadOnlySpan<byte> key, long savepoint)
    {
        if (savepoint < 0)
        {
            batch.Delete(key.ToArray());
            return;
        }

        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)savepoint);
        batch.Put(key, bytes);
    }

    public void Dispose()
    {
        Db.Dispose();
        GC.KeepAlive(_cache);
    }
}
