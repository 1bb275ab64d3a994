using Fabricish.Ledger.State;
using Fabricish.Ledger.Storage;
using RocksDbSharp;

namespace Fabricish.Ledger.History;

/// <summary>A channel's history database, as Fabric keeps it beside (not in) the state database: per (namespace,
/// key) the heights of the valid transactions that wrote it, the values staying in the blocks that hold them. Kept on
/// disk in an embedded RocksDB store (<see cref="HistoryKeys"/>; checksummed blocks and write-ahead log), so the
/// peer's memory does not grow with the chain; its <see cref="Savepoint"/>, the last block recorded, is written in the
/// same atomic batch as the block's entries. Committing is idempotent, so whoever commits blocks can simply re-commit
/// from the block store everything above the savepoint after a crash. One writer, any number of concurrent readers.</summary>
public sealed class HistoryDatabase : IDisposable
{
    /// <summary>The store's folder in the channel's ledger directory (Fabric's historyLeveldb).</summary>
    public const string FileName = "historyLeveldb";

    /// <summary>Where an earlier version kept history in a file of its own: dropped on open, the block store rebuilds
    /// what it held.</summary>
    private const string FormerFileName = "historydb";

    private readonly Lock _gate = new();
    private readonly EmbeddedStore _store;
    private long _savepoint;
    private bool _disposed;

    private HistoryDatabase(EmbeddedStore store)
    {
        _store = store;
        _savepoint = store.ReadSavepoint(HistoryKeys.Savepoint);
    }

    /// <summary>The last block whose history is recorded, or null before block 0's is.</summary>
    public ulong? Savepoint
    {
        get
        {
            long savepoint = Volatile.Read(ref _savepoint);
            return savepoint < 0 ? null : (ulong)savepoint;
        }
    }

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/>. Throws
    /// <see cref="InvalidDataException"/> when the path is not a history database (a file, say), and
    /// <see cref="IOException"/> when the store cannot be opened (another process holds it, say).</summary>
    public static HistoryDatabase Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            throw new InvalidDataException($"{path} is not a history database: it is a file, not a store folder");
        }

        string former = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, FormerFileName);
        if (File.Exists(former))
        {
            File.Delete(former);
        }

        return new HistoryDatabase(EmbeddedStore.Open(path, "history database", new EmbeddedStoreOptions { PointLookups = false }));
    }

    /// <summary>Records <paramref name="blocks"/>, consecutive and in order. Blocks at or below the savepoint are
    /// skipped (they are recorded already); the first one above it must be the block right after it.</summary>
    public void Commit(IReadOnlyList<HistoryBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            long expected = _savepoint + 1;
            bool any = false;
            using var batch = new WriteBatch();
            foreach (HistoryBlock block in blocks)
            {
                if (!any && block.Number < (ulong)expected)
                {
                    continue;
                }

                if (block.Number != (ulong)expected)
                {
                    throw new InvalidOperationException($"history of block {expected} expected, got block {block.Number}");
                }

                foreach (HistoryWrite write in block.Writes)
                {
                    batch.Put(HistoryKeys.Entry(write.Namespace, write.Key, new Height(block.Number, (ulong)write.TxNum)), ReadOnlySpan<byte>.Empty);
                }

                any = true;
                expected++;
            }

            if (!any)
            {
                return;
            }

            EmbeddedStore.PutSavepoint(batch, HistoryKeys.Savepoint, expected - 1);
            _store.Write(batch);
            Volatile.Write(ref _savepoint, expected - 1);
        }
    }

    /// <summary>The heights that wrote (<paramref name="ns"/>, <paramref name="key"/>), oldest first; empty when
    /// no valid transaction did.</summary>
    public IReadOnlyList<Height> GetHeights(string ns, string key)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(key);
        byte[] prefix = HistoryKeys.KeyPrefix(ns, key);
        int namespaceLength = HistoryKeys.NamespacePrefix(ns).Length;
        var heights = new List<Height>();
        Scan(prefix, entry => heights.Add(HistoryKeys.Parse(entry, namespaceLength).Height));
        return heights;
    }

    /// <summary>Every key of <paramref name="ns"/> that has history, in ordinal order.</summary>
    public IReadOnlyList<string> GetKeys(string ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        byte[] prefix = HistoryKeys.NamespacePrefix(ns);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        Scan(prefix, entry => keys.Add(HistoryKeys.Parse(entry, prefix.Length).Key));
        string[] sorted = [.. keys];
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _store.Dispose();
        }
    }

    private void Scan(byte[] prefix, SpanAction read)
    {
        byte[] upper = HistoryKeys.UpperBound(prefix);
        var readOptions = new ReadOptions().SetIterateUpperBound(upper);
        lock (_gate)
        {
            // Under the gate only so that the store cannot be closed under a scan; writes do not wait long for it.
            ObjectDisposedException.ThrowIf(_disposed, this);
            using Iterator iterator = _store.Db.NewIterator(readOptions: readOptions);
            for (iterator.Seek(prefix); iterator.Valid(); iterator.Next())
            {
                read(iterator.GetKeySpan());
            }
        }

        GC.KeepAlive(upper);
    }

    private delegate void SpanAction(ReadOnlySpan<byte> entry);
}
