using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Fabricish.Channels.Blocks;
using Fabricish.Ledger.History;
using Fabricish.Ledger.Storage;
using Fabricish.Protos.Common;

namespace Fabricish.Ledger;

/// <summary>A channel's chain of blocks on disk, shared by orderers and peers: append-only segment files of
/// checksummed block records plus a persisted index (block number → record and, unless
/// <see cref="BlockStoreOptions.IndexTransactionIds"/> is off, tx id → first occurrence).
/// One writer appends; any number of threads read and follow the chain concurrently. A synced append survives a crash
/// once acknowledged, and opening a store after a crash at any point yields a consistent chain. A committing peer may
/// append without waiting for the disk (<see cref="Append(Block, bool)"/> with <c>sync: false</c>): such a block is
/// readable at once, followers included, but survives a crash only after the next <see cref="Sync"/>, which the peer
/// calls before writing anything derived from it (its state) and before telling anyone it committed.</summary>
public sealed class BlockStore : ICommittedTxIds, IDisposable
{
    private const string LockFileName = "LOCK";

    private readonly string _directory;
    private readonly FileStream _lockFile;
    private readonly SegmentFiles _files;
    private readonly SegmentWriter _writer;
    private readonly IndexLog _indexLog;
    private readonly BlockIndex _index;
    private readonly TxIdIndex? _txIds;
    private readonly Lock _writeGate = new();

    // Serialises fsync passes and every index log write, so entries reach the log in block order.
    private readonly Lock _syncGate = new();

    // Appended and readable, but neither fsynced nor in the index log yet (guarded by _writeGate).
    private readonly List<IndexedBlock> _unsynced = [];
    private TaskCompletionSource _appended = NewSignal();
    private volatile bool _disposed;
    private bool _faulted;
    private HistoryDatabase? _history;

    private BlockStore(
        string directory, FileStream lockFile, SegmentFiles files, SegmentWriter writer, IndexLog indexLog, BlockIndex index, RecoveryReport recovery, TxIdIndex? txIds)
    {
        _txIds = txIds;
        _directory = directory;
        _lockFile = lockFile;
        _files = files;
        _writer = writer;
        _indexLog = indexLog;
        _index = index;
        Recovery = recovery;
    }

    /// <summary>What opening had to repair; <see cref="RecoveryReport.WasClean"/> after a clean shutdown.</summary>
    public RecoveryReport Recovery { get; }

    public ulong Height => _index.Height;

    /// <summary>The channel's history database (<see cref="HistoryDatabase"/>), kept in this store's directory beside
    /// the blocks it indexes and under the same lock, and closed with the store. Opened on first use, so a store
    /// nobody keeps history for (an orderer's) never creates it.</summary>
    public HistoryDatabase History
    {
        get
        {
            lock (_writeGate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _history ??= HistoryDatabase.Open(Path.Combine(_directory, HistoryDatabase.FileName));
            }
        }
    }

    /// <summary>Whether tx id lookups are available (<see cref="BlockStoreOptions.IndexTransactionIds"/>).</summary>
    public bool IndexesTransactionIds => _index.IndexesTxIds;

    /// <summary>Opens (creating if needed) the store in <paramref name="directory"/>, repairing whatever an
    /// earlier crash left behind. Throws <see cref="BlockStoreLockedException"/> if another writer has it open.</summary>
    public static BlockStore Open(string directory, BlockStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options ??= new BlockStoreOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSegmentBytes, BlockRecord.HeaderSize + 1);
        Directory.CreateDirectory(directory);
        var lockFile = AcquireLock(directory);
        var files = new SegmentFiles(directory);
        SegmentWriter? writer = null;
        IndexLog? indexLog = null;
        TxIdIndex? txIds = null;
        try
        {
            var state = StoreRecovery.Recover(directory, files, options.IndexTransactionIds);
            string indexPath = Path.Combine(directory, IndexLog.FileName);
            bool indexCreated = !File.Exists(indexPath);
            indexLog = IndexLog.OpenForAppend(indexPath, state.IndexLogLength);
            if (indexCreated)
            {
                DirectorySync.Flush(directory);
            }

            // Segments already hold these blocks durably; writing their entries now spares the next open the rescan.
            indexLog.Append(state.Reindexed);
            writer = new SegmentWriter(directory, options.MaxSegmentBytes, state.CurrentSegment, state.CurrentSegmentLength);
            if (options.IndexTransactionIds)
            {
                // Ids of blocks a crash lost go first: the chain may hold other blocks under their numbers later.
                txIds = TxIdIndex.Open(directory);
                txIds.ForgetFrom((ulong)state.Blocks.Count);
                CatchUp(txIds, indexPath, state.IndexLogEntryEnds);
            }

            var index = new BlockIndex(state.Blocks.Count + 1024, txIds);
            foreach (var block in state.Blocks)
            {
                index.Add(block);
            }

            return new BlockStore(directory, lockFile, files, writer, indexLog, index, state.Report, txIds);
        }
        catch
        {
            txIds?.Dispose();
            writer?.Dispose();
            indexLog?.Dispose();
            files.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Records in the tx id index the ids of the blocks the index log kept that it misses, streamed from the
    /// log one entry at a time; the blocks recovery re-derived from the segments follow as the index adds them.</summary>
    private static void CatchUp(TxIdIndex txIds, string indexPath, List<long> entryEnds)
    {
        long first = txIds.Savepoint + 1;
        if (first >= entryEnds.Count)
        {
            return;
        }

        long offset = first == 0 ? 0 : entryEnds[(int)first - 1];
        foreach (IndexedBlock block in IndexLog.ReadTxIds(indexPath, offset, (ulong)first, entryEnds.Count - (int)first))
        {
            txIds.Add(block);
        }
    }

    /// <summary>Appends <paramref name="block"/> if it is the next block of the chain: its number equals the height,
    /// its previous hash is the last header's hash and its data hash matches its data. Returns once the block and
    /// then its index entry are fsynced. A refused block leaves the store unchanged. I/O failures throw and leave
    /// the store refusing further appends until it is reopened, since memory and disk may then disagree.</summary>
    public AppendResult Append(Block block) => Append(block, sync: true);

    /// <summary>As <see cref="Append(Block)"/>; with <paramref name="sync"/> false the block is written and readable
    /// (height, hash, tx ids) at once but durable only after the next <see cref="Sync"/> (or synced append). A crash
    /// before that loses it, and any later unsynced block, as if never appended: recovery keeps the chain's durable
    /// prefix. Whoever records something derived from such a block elsewhere must call <see cref="Sync"/> first.</summary>
    public AppendResult Append(Block block, bool sync) => Append(block, sync, null);

    /// <summary>As <see cref="Append(Block, bool)"/> for a caller that has hashed the block's data already (a committing
    /// peer checks the data hash before validating): the header's data hash is compared with
    /// <paramref name="dataHash"/> instead of hashing a block's worth of data a second time.</summary>
    /// <param name="dataHash">SHA-256 of <paramref name="block"/>'s data (<see cref="BlockHashing.DataHash"/>).</param>
    public AppendResult Append(Block block, bool sync, byte[]? dataHash)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (!sync)
        {
            AppendResult result;
            lock (_writeGate)
            {
                result = AppendLocked(block, dataHash, out IndexedBlock? indexed);
                if (indexed is not null)
                {
                    // Its ids answer lookups from memory until the sync that makes it durable writes them to the
                    // on-disk index: that write stays off the appending (committing) thread.
                    _unsynced.Add(indexed);
                    _index.AddDeferringTxIds(indexed);
                }
            }

            if (result.Accepted)
            {
                Signal();
            }

            return result;
        }

        lock (_syncGate)
        {
            lock (_writeGate)
            {
                AppendResult result = AppendLocked(block, dataHash, out IndexedBlock? indexed);
                if (indexed is null)
                {
                    return result;
                }

                // Readers see the block only once it is durable, as before unsynced appends existed.
                _unsynced.Add(indexed);
                FlushUnsynced(_writer.TakeFlushTarget(), [.. _unsynced]);
                _unsynced.Clear();
                _index.Add(indexed);
            }
        }

        Signal();
        return AppendResult.Success;
    }

    /// <summary>Makes every block appended so far durable: fsyncs their segment records, then writes and fsyncs their
    /// index entries. Appends may go on meanwhile; they are covered by the next call.</summary>
    public void Sync()
    {
        lock (_syncGate)
        {
            IndexedBlock[] pending;
            SegmentFlushTarget target;
            lock (_writeGate)
            {
                // After a failed flush, blocks it took may be readable yet not durable: a quiet return would say otherwise.
                ThrowIfUnusable();
                if (_unsynced.Count == 0)
                {
                    return;
                }

                pending = [.. _unsynced];
                _unsynced.Clear();
                target = _writer.TakeFlushTarget();
            }

            FlushUnsynced(target, pending);
        }
    }

    /// <summary>Checks and writes the block under the write lock; <paramref name="indexed"/> is null when refused.</summary>
    private AppendResult AppendLocked(Block block, byte[]? dataHash, out IndexedBlock? indexed)
    {
        indexed = null;
        ThrowIfUnusable();

        ulong height = _index.Height;
        ReadOnlySpan<byte> lastHash = height == 0 ? [] : LocationOf(height - 1).HeaderHash;
        string? refusal = dataHash is null ? ChainRules.Refusal(block, height, lastHash) : ChainRules.Refusal(block, height, lastHash, dataHash);
        if (refusal is not null)
        {
            return AppendResult.Refused(refusal);
        }

        int length = BlockRecord.SizeOf(block);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> record = buffer.AsSpan(0, length);
            BlockRecord.EncodeInto(block, record);
            string[]? txIds = _index.IndexesTxIds ? ChainRules.TxIds(block) : null;
            byte[] headerHash = BlockHashing.HeaderHash(block.Header);
            try
            {
                var (segment, offset) = _writer.Append(record);
                indexed = new IndexedBlock(new BlockLocation(height, segment, offset, length, headerHash), txIds);
            }
            catch
            {
                _faulted = true;
                throw;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return AppendResult.Success;
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_faulted)
        {
            throw new InvalidOperationException("block store had an I/O failure during an append or sync; reopen it to recover");
        }
    }

    /// <summary>Segment records first, index entries second: the index log never names a record that is not durable,
    /// which is what recovery relies on; tx id index entries last. Called under <see cref="_syncGate"/>.</summary>
    private void FlushUnsynced(SegmentFlushTarget target, IndexedBlock[] pending)
    {
        try
        {
            SegmentWriter.FlushToDisk(target);
            _indexLog.Append(pending);

            // After the index log, so the on-disk tx id index never records a block a crash can take back.
            foreach (IndexedBlock block in pending)
            {
                _index.RecordTxIds(block);
            }
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    /// <summary>Block <paramref name="number"/>, or null when it is at or beyond the height.</summary>
    public Block? GetBlock(ulong number)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _index.TryGetLocation(number, out var location) ? _files.ReadBlock(location) : null;
    }

    /// <summary>The block whose header hash is <paramref name="hash"/>, or null. Scans the in-memory index from the
    /// newest block down: Fabric keeps a hash index for this, but only qscc's GetBlockByHash asks, and rarely.</summary>
    public Block? GetBlockByHash(ReadOnlySpan<byte> hash)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (ulong number = Height; number-- > 0;)
        {
            if (_index.TryGetLocation(number, out var location) && location.HeaderHash.AsSpan().SequenceEqual(hash))
            {
                return _files.ReadBlock(location);
            }
        }

        return null;
    }

    /// <summary>Where <paramref name="txId"/> first appeared. The committer uses a hit to mark a later transaction
    /// with the same id DUPLICATE_TXID; later duplicates never replace the first occurrence. Throws
    /// <see cref="InvalidOperationException"/> on a store opened without tx id indexing: that is a wiring mistake,
    /// and a quiet "not found" would pass duplicates as new.</summary>
    public bool TryGetTxLocation(string txId, out TxLocation location)
    {
        ArgumentNullException.ThrowIfNull(txId);
        return _index.TryGetTxLocation(txId, out location);
    }

    /// <summary>Whether <paramref name="txId"/> is on the chain (<see cref="TryGetTxLocation"/>, and throws as it does).</summary>
    public bool Contains(string txId) => TryGetTxLocation(txId, out _);

    /// <summary>The block holding the first occurrence of <paramref name="txId"/>; throws like
    /// <see cref="TryGetTxLocation"/> when tx ids are not indexed.</summary>
    public bool TryGetBlockByTxId(string txId, [NotNullWhen(true)] out Block? block)
    {
        block = TryGetTxLocation(txId, out var location) ? GetBlock(location.BlockNumber) : null;
        return block is not null;
    }

    public BlockchainInfo GetBlockchainInfo()
    {
        ulong height = Height;
        return height switch
        {
            0 => new BlockchainInfo(0, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty),
            1 => new BlockchainInfo(1, LocationOf(0).HeaderHash, ReadOnlyMemory<byte>.Empty),
            _ => new BlockchainInfo(height, LocationOf(height - 1).HeaderHash, LocationOf(height - 2).HeaderHash),
        };
    }

    /// <summary>Blocks from <paramref name="start"/> on: those already stored, then each new one as it is appended
    /// (Deliver's BLOCK_UNTIL_READY). Waiting costs nothing: appends complete a signal rather than readers polling.
    /// Ends when the store is disposed; cancellation throws <see cref="OperationCanceledException"/>.</summary>
    public async IAsyncEnumerable<Block> ReadFrom(ulong start, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ulong next = start;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Take the signal before looking at the height: an append that lands in between completes this very
            // signal, so the wait below cannot miss it.
            var signal = Volatile.Read(ref _appended);
            if (_disposed)
            {
                yield break;
            }

            if (next < Height)
            {
                if (TryReadWhileOpen(next) is not { } block)
                {
                    yield break;
                }

                yield return block;
                next++;
                continue;
            }

            await signal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        lock (_syncGate)
        {
            lock (_writeGate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                if (_unsynced.Count > 0 && !_faulted)
                {
                    try
                    {
                        FlushUnsynced(_writer.TakeFlushTarget(), [.. _unsynced]);
                    }
                    catch (IOException)
                    {
                        // The next open rescans the segments and keeps their durable prefix.
                    }
                }

                _writer.Dispose();
                _indexLog.Dispose();
                _history?.Dispose();
                _txIds?.Dispose();
            }
        }

        _files.Dispose();
        Signal();
        _lockFile.Dispose();
    }

    private static FileStream AcquireLock(string directory)
    {
        string path = Path.Combine(directory, LockFileName);
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock on Unix), released by the OS if the process dies.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new BlockStoreLockedException($"block store {directory} is locked by another writer ({path})", e);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Signal() => Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();

    private BlockLocation LocationOf(ulong number) =>
        _index.TryGetLocation(number, out var location)
            ? location
            : throw new InvalidOperationException($"block {number} is below the height but not indexed");

    /// <summary>Null if the store was disposed mid-read, which ends a follower quietly instead of faulting it.</summary>
    private Block? TryReadWhileOpen(ulong number)
    {
        try
        {
            return GetBlock(number);
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }
}
