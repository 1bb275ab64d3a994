using System.Buffers;
using Fabricish.Ledger.State;

namespace Fabricish.Ledger.History;

/// <summary>A channel's history database, as Fabric keeps it beside (not in) the state database: per (namespace,
/// key) the heights of the valid transactions that wrote it, the values staying in the blocks that hold them. Kept
/// as an append-only file of per-block records (<see cref="HistoryLog"/>) loaded into memory on open; its
/// <see cref="Savepoint"/> is the last block recorded. Committing is idempotent, so whoever commits blocks can
/// simply re-commit from the block store everything above the savepoint after a crash. One writer, any number of
/// concurrent readers.</summary>
public sealed class HistoryDatabase : IDisposable
{
    /// <summary>The file's name in the channel's ledger directory.</summary>
    public const string FileName = "historydb";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, KeyHeights>> _namespaces = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _encoded = new(1 << 16);
    private HistoryLog? _log;
    private long _savepoint = -1;
    private bool _disposed;

    private HistoryDatabase()
    {
    }

    /// <summary>The last block whose history is recorded, or null before block 0's is.</summary>
    public ulong? Savepoint
    {
        get
        {
            lock (_gate)
            {
                return _savepoint < 0 ? null : (ulong)_savepoint;
            }
        }
    }

    /// <summary>Opens (creating if needed) the database file at <paramref name="path"/>, dropping a torn or damaged
    /// tail as a crash may leave it. Throws <see cref="InvalidDataException"/> when the file is not a history
    /// database.</summary>
    public static HistoryDatabase Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var database = new HistoryDatabase();
        database._log = HistoryLog.Open(path, database.Index);
        return database;
    }

    /// <summary>Records <paramref name="blocks"/>, consecutive and in order. Blocks at or below the savepoint are
    /// skipped (they are recorded already); the first one above it must be the block right after it.</summary>
    public void Commit(IReadOnlyList<HistoryBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _encoded.ResetWrittenCount();
            long expected = _savepoint + 1;
            int first = -1;
            for (int i = 0; i < blocks.Count; i++)
            {
                HistoryBlock block = blocks[i];
                if (block.Number < (ulong)expected && first < 0)
                {
                    continue;
                }

                if (block.Number != (ulong)expected)
                {
                    throw new InvalidOperationException($"history of block {expected} expected, got block {block.Number}");
                }

                first = first < 0 ? i : first;
                HistoryRecord.Encode(block, _encoded);
                expected++;
            }

            if (first < 0)
            {
                return;
            }

            _log!.Append(_encoded.WrittenSpan);
            for (int i = first; i < blocks.Count; i++)
            {
                Index(blocks[i]);
            }

            if (_encoded.Capacity > 1 << 22)
            {
                // One huge catch-up batch should not pin its buffer for the life of the channel.
                _encoded.Clear();
            }
        }
    }

    /// <summary>The heights that wrote (<paramref name="ns"/>, <paramref name="key"/>), oldest first; empty when
    /// no valid transaction did.</summary>
    public IReadOnlyList<Height> GetHeights(string ns, string key)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            return _namespaces.TryGetValue(ns, out var keys) && keys.TryGetValue(key, out KeyHeights? heights) ? heights.ToArray() : [];
        }
    }

    /// <summary>Every key of <paramref name="ns"/> that has history, in ordinal order.</summary>
    public IReadOnlyList<string> GetKeys(string ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        lock (_gate)
        {
            if (!_namespaces.TryGetValue(ns, out var keys))
            {
                return [];
            }

            string[] sorted = [.. keys.Keys];
            Array.Sort(sorted, StringComparer.Ordinal);
            return sorted;
        }
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
            _log?.Dispose();
        }
    }

    private void Index(HistoryBlock block)
    {
        foreach (HistoryWrite write in block.Writes)
        {
            if (!_namespaces.TryGetValue(write.Namespace, out var keys))
            {
                keys = new Dictionary<string, KeyHeights>(StringComparer.Ordinal);
                _namespaces.Add(write.Namespace, keys);
            }

            var height = new Height(block.Number, (ulong)write.TxNum);
            if (keys.TryGetValue(write.Key, out KeyHeights? heights))
            {
                heights.Add(height);
            }
            else
            {
                keys.Add(write.Key, new KeyHeights(height));
            }
        }

        _savepoint = (long)block.Number;
    }
}
