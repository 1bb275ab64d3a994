using System.Runtime.CompilerServices;
using Fabricish.Channels.Blocks;
using Fabricish.Committer.Config;
using Fabricish.Committer.History;
using Fabricish.Committer.Pipeline;
using Fabricish.Committer.PrivateData;
using Fabricish.Committer.Validation;
using Fabricish.Ledger;
using Fabricish.Ledger.History;
using Fabricish.Ledger.State;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabricish.Committer;

/// <summary>Commits a channel's blocks in order, as Fabric's kvledger does: validate (transactions, then MVCC), write
/// the outcome into the block's TRANSACTIONS_FILTER, append the block to the block store, apply the valid writes to
/// the state database in one batch whose savepoint is the block, then record the written keys in the history database
/// beside the block store (<see cref="BlockStore.History"/>), as Fabric's kvledger commits state, then history. The
/// fsync of the append and the state write run in a pipeline behind validation (<see cref="BlockCommitterOptions"/>),
/// so the next block is validated meanwhile; a block counts as committed (<see cref="CommittedHeight"/>,
/// <see cref="ReadCommittedFrom"/>, state listeners) only once it is durable in the block store, its state written and
/// its history recorded. The durable block store is never behind the state, and the state never behind the history;
/// the stored savepoint may trail the written state by a few blocks while writes queue up
/// (<see cref="BlockCommitterOptions.MaxBlocksAheadOfSavepoint"/>). <see cref="OpenAsync"/> re-applies every stored
/// block above the state savepoint from its recorded filter, then re-records the history of every block above the
/// history savepoint (skipping what it already holds), which converges whether a crash hit before, during or after
/// either write.</summary>
public sealed partial class BlockCommitter : IDisposable
{
    private readonly BlockStore _blocks;
    private readonly IStateDatabase _state;
    private readonly TxValidator _validator;
    private readonly MvccValidator _mvcc;
    private readonly IBlockVerifier _verifier;
    private readonly IConfigTransactionHandler _configHandler;
    private readonly string _channelId;
    private readonly ILogger _logger;
    private readonly StateCommitLock? _commitLock;
    private readonly BlockCommitterOptions _options;
    private readonly StateListeners _listeners;
    private readonly CommitProgress _progress = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private StateWritePipeline? _pipeline;
    private readonly AnticipatedBlocks _anticipated = new();
    private PrivateDataCommitter? _privateData;
    private IPrivateDataProvider? _privateDataProvider;
    private bool _faulted;
    private volatile bool _disposed;

    private BlockCommitter(
        string channelId,
        BlockStore blocks,
        IStateDatabase state,
        TxValidator validator,
        IBlockVerifier verifier,
        IConfigTransactionHandler configHandler,
        ILogger logger,
        StateCommitLock? commitLock,
        BlockCommitterOptions options,
        IReadOnlyList<IStateListener> listeners)
    {
        _commitLock = commitLock;
        _channelId = channelId;
        _blocks = blocks;
        _state = state;
        _validator = validator;
        _mvcc = new MvccValidator(state, (ns, key) => _pipeline?.PendingUpdate(ns, key), validator.Policies);
        _verifier = verifier;
        _configHandler = configHandler;
        _logger = logger;
        _options = options;
        _listeners = new StateListeners(channelId, listeners, logger);
    }

    /// <summary>Stored blocks re-applied to the state database when this committer was opened.</summary>
    public int RecoveredBlocks { get; private set; }

    /// <summary>Transactions whose signature checks a commit took from <see cref="Anticipate"/>'s head start (for tests).</summary>
    internal int PrecheckedTransactions { get; private set; }

    /// <summary>Completes once the head start on the anticipated block, if any, has checked all it will (for tests).</summary>
    internal Task PendingPrecheck => _anticipated.Completion;

    /// <summary>Blocks in the block store, including those whose state write is still in progress.</summary>
    public ulong Height => _blocks.Height;

    /// <summary>Blocks committed in full: in the block store, their state written and the savepoint recorded. Events
    /// and commit statuses follow this height, so whoever hears of a block can read its state.</summary>
    public ulong CommittedHeight => _progress.Height;

    /// <summary>Brings the state database level with the block store, then returns a committer for the next block.
    /// The caller loads the channel configuration from the store's last config block: recovery re-applies state,
    /// not configuration.</summary>
    /// <param name="commitLock">The channel's commit lock, shared with its simulations: when given, each state write
    /// holds its write side, as Fabric's commitRWLock.</param>
    /// <param name="listeners">Told of committed updates in their namespaces, block by block, also for the blocks
    /// recovery re-applies.</param>
    public static async Task<BlockCommitter> OpenAsync(
        string channelId,
        BlockStore blocks,
        IStateDatabase state,
        TxValidator validator,
        IBlockVerifier verifier,
        IConfigTransactionHandler configHandler,
        ILogger<BlockCommitter>? logger = null,
        CancellationToken cancellationToken = default,
        StateCommitLock? commitLock = null,
        BlockCommitterOptions? options = null,
        IEnumerable<IStateListener>? listeners = null,
        IPrivateDataProvider? privateData = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(configHandler);
        options ??= new BlockCommitterOptions();
        options.Validate();
        var committer = new BlockCommitter(
            channelId, blocks, state, validator, verifier, configHandler, (ILogger?)logger ?? NullLogger.Instance, commitLock, options, [.. listeners ?? []]);
        committer._privateDataProvider = privateData;
        committer._privateData = privateData is null ? null : new PrivateDataCommitter(privateData, committer._logger);
        await committer.ReplayAsync(cancellationToken).ConfigureAwait(false);

        // A crash may have come between a definition that made this peer a member and the processing of it.
        committer._privateData?.ProcessEligibility();
        committer.StartPipeline();
        return committer;
    }

    /// <summary>Validates and appends <paramref name="block"/> and queues its state write; returns the block's codes
    /// without waiting for that write unless <see cref="BlockCommitterOptions.MaxPendingStateWrites"/> is 0 (use
    /// <see cref="WaitForCommittedHeightAsync"/>). Throws <see cref="InvalidOperationException"/> once a state write
    /// has failed, until <see cref="RecoverAsync"/>.</summary>
    public async Task<BlockCommitResult> CommitAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_faulted || _progress.Fault is not null)
            {
                string cause = _progress.Fault is { } fault ? ": " + fault.Message : "";
                throw new InvalidOperationException($"an earlier commit failed part-way; call RecoverAsync once the state database is back{cause}", _progress.Fault);
            }

            ulong number = block.Header?.Number ?? 0;
            using IDisposable? scope = _logger.BeginScope(new Dictionary<string, object> { ["channel"] = _channelId, ["block"] = number });
            if (Refusal(block, out byte[] dataHash) is { } refusal)
            {
                if (refusal.Status == BlockCommitStatus.Refused)
                {
                    CommitterLog.BlockRefused(_logger, number, refusal.Reason!);
                }

                return refusal;
            }

            _faulted = true;
            BlockCommitResult result = await ValidateAndCommitAsync(block, number, dataHash, cancellationToken).ConfigureAwait(false);
            _faulted = false;
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Tells the committer a block a later <see cref="CommitAsync"/> will bring, when the caller has it already
    /// (a deliver stream running ahead, a replay): one thread starts checking its envelopes and signatures at once,
    /// beside the commit in progress, so both cores stay busy through the commit's sequential part (MVCC, append,
    /// queuing the state write), and the block's own commit does not verify those signatures again. Nothing else is
    /// decided ahead: the block is judged in order as without the hint, under the configuration and chaincode
    /// definitions in force at its turn, with the same codes; a head start that a config block overtook is dropped.</summary>
    public void Anticipate(Block next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Header is not null && _validator.StartPrecheck(next) is { } precheck)
        {
            _anticipated.Add(precheck);
        }
    }

    /// <summary>Waits until <paramref name="height"/> blocks are committed in full; throws the state database's fault
    /// if a state write failed first.</summary>
    public Task WaitForCommittedHeightAsync(ulong height, CancellationToken cancellationToken = default) =>
        _progress.WaitForAsync(height, cancellationToken);

    /// <summary>Committed blocks from <paramref name="start"/> on, each once its state is durable, waiting for new
    /// ones; ends when the committer or its block store is closed.</summary>
    public async IAsyncEnumerable<Block> ReadCommittedFrom(ulong start, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ulong next = start;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task changed = _progress.Changed;
            if (_disposed)
            {
                yield break;
            }

            if (next < _progress.Height)
            {
                if (TryGetBlock(next) is not { } block)
                {
                    yield break;
                }

                yield return block;
                next++;
                continue;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Brings the state level with the block store again after a commit failed part-way (typically the
    /// state database was unavailable after the block was appended), then accepts blocks again.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_pipeline is { } pipeline)
            {
                // The old writer must be gone before replay writes: two writers could interleave savepoints.
                _pipeline = null;
                await pipeline.StopAsync().ConfigureAwait(false);
            }

            await ReplayAsync(cancellationToken).ConfigureAwait(false);
            StartPipeline();
            _faulted = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Finishes the queued state writes (waiting a bounded time) and ends <see cref="ReadCommittedFrom"/>
    /// streams; the block store stays open, it is the caller's.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _anticipated.DropAll();
        _pipeline?.StopAsync().Wait(TimeSpan.FromSeconds(10));
        _progress.Wake();
    }

    private void StartPipeline()
    {
        _progress.Reset(_blocks.Height);
        _pipeline = new StateWritePipeline(_state, _blocks, _commitLock, _progress, _options, _listeners, _logger, _privateData is { } privateData ? privateData.SavepointRecorded : null);
    }

    private Block? TryGetBlock(ulong number)
    {
        try
        {
            return _blocks.GetBlock(number);
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }

    /// <param name="dataHash">The block's data hash once computed (empty when refused before): the block verifier
    /// and the block store compare the header with it instead of hashing a block's worth of data again each.</param>
    private BlockCommitResult? Refusal(Block block, out byte[] dataHash)
    {
        dataHash = [];
        if (block.Header is null)
        {
            return BlockCommitResult.Refused(0, "block has no header");
        }

        ulong number = block.Header.Number;
        ulong height = _blocks.Height;
        if (number < height)
        {
            return new BlockCommitResult(number, BlockCommitStatus.AlreadyCommitted, []);
        }

        if (number > height)
        {
            return BlockCommitResult.Refused(number, $"block {height} expected, got {number}");
        }

        Ledger.BlockchainInfo info = _blocks.GetBlockchainInfo();
        if (number > 0 && !block.Header.PreviousHash.Span.SequenceEqual(info.CurrentBlockHash.Span))
        {
            return BlockCommitResult.Refused(number, $"previous hash does not match the hash of block {number - 1}");
        }

        dataHash = _anticipated.DataHashOf(block) ?? BlockHashing.DataHash(block.Data ?? new BlockData());
        if (!block.Header.DataHash.Span.SequenceEqual(dataHash))
        {
            return BlockCommitResult.Refused(number, "data hash does not match the block's data");
        }

        return _verifier.Verify(block, dataHash) is { } reason ? BlockCommitResult.Refused(number, reason) : null;
    }

    private async Task<BlockCommitResult> ValidateAndCommitAsync(Block block, ulong number, byte[] dataHash, CancellationToken cancellationToken)
    {
        IReadOnlyList<ValidatedTransaction> transactions;
        MvccOutcome outcome;
        HistoryBlock history;
        if (number == 0)
        {
            // The genesis block founds the channel rather than being judged by it, as when Fabric creates a ledger.
            transactions = [];
            outcome = new MvccOutcome(new TxValidationCode[block.Data?.Data.Count ?? 0], new UpdateBatch());
            history = new HistoryBlock(0, []);
        }
        else
        {
            await _validator.PrepareAsync(cancellationToken).ConfigureAwait(false);

            // The database looks up the block's versions while its signatures are checked: no block is queued between
            // here and MVCC, which PrefetchStatesAsync needs.
            IList<Google.Protobuf.ByteString> envelopes = block.Data?.Data ?? (IList<Google.Protobuf.ByteString>)[];
            Task<StatePrefetch> prefetch = Task.Run(() => _mvcc.PrefetchStatesAsync(envelopes, cancellationToken), cancellationToken);
            BlockPrecheck? precheck = await _anticipated.TakeAsync(block, number).ConfigureAwait(false);
            try
            {
                transactions = _validator.Validate(block, precheck);
                PrecheckedTransactions += precheck?.Taken ?? 0;
            }
            catch
            {
                _ = prefetch.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                throw;
            }

            DropHeadStartsAfterConfig(transactions);
            if (HasRangeQueries(transactions))
            {
                // Range queries are re-run against the database, which must hold every earlier block for that.
                await _pipeline!.DrainAsync(cancellationToken).ConfigureAwait(false);
            }

            outcome = await _mvcc.ValidateAndPrepareAsync(number, transactions, prefetch, cancellationToken).ConfigureAwait(false);
            if (_privateData is not null)
            {
                await _privateData.AddPrivateWritesAsync(number, transactions, outcome, CommittedValueAsync, cancellationToken).ConfigureAwait(false);
            }
            history = BlockHistory.Of(number, transactions, outcome.Codes);
        }

        TransactionsFilter.Set(block, outcome.Codes);

        // Not fsynced here: the state write pipeline syncs the store before it writes this block's state, so the next
        // block is validated while the disk catches up. A crash before that loses the block, which the orderer
        // delivers again.
        AppendResult appended = _blocks.Append(block, sync: false, dataHash);
        if (!appended.Accepted)
        {
            throw new InvalidOperationException($"block store refused block {number} that passed the committer's checks: {appended.Reason}");
        }

        // The next block is validated under the configuration this one establishes, whether or not its state is
        // written yet: configuration lives in the blocks, not in the state database.
        int valid = 0;
        foreach (ValidatedTransaction tx in transactions)
        {
            if (outcome.Codes[tx.Index] != TxValidationCode.Valid)
            {
                continue;
            }

            valid++;
            if (tx.Config is { } config)
            {
                _configHandler.Apply(config, number);
                CommitterLog.ConfigApplied(_logger, config.Config.Sequence, number);
            }
        }

        await _pipeline!.EnqueueAsync(new PendingStateWrite(number, outcome.Codes, outcome.Updates, history), cancellationToken).ConfigureAwait(false);
        if (_listeners.AnyInterestedIn(outcome.Updates))
        {
            // A chaincode definition committed here judges the next block's transactions: every peer, live or catching
            // up, must validate block n+1 with the listeners' views of block n, so this block is written through first.
            await _pipeline.DrainAsync(cancellationToken).ConfigureAwait(false);
            _privateData?.ProcessEligibility();
        }

        CommitterLog.BlockCommitted(_logger, number, valid, outcome.Codes.Count);
        return new BlockCommitResult(number, BlockCommitStatus.Committed, outcome.Codes);
    }

    /// <summary>Drops the head starts on later blocks when this block carries a config transaction: they are judged
    /// under the configuration it establishes, and identities resolved under this one would not be used.</summary>
    private void DropHeadStartsAfterConfig(IReadOnlyList<ValidatedTransaction> transactions)
    {
        foreach (ValidatedTransaction tx in transactions)
        {
            if (tx.Type == HeaderType.Config)
            {
                _anticipated.DropAll();
                return;
            }
        }
    }

    private static bool HasRangeQueries(IReadOnlyList<ValidatedTransaction> transactions)
    {
        foreach (ValidatedTransaction tx in transactions)
        {
            if (!tx.MayBeValid)
            {
                continue;
            }

            foreach (NamespaceRwSet ns in tx.RwSets)
            {
                if (ns.KvRwSet.RangeQueriesInfo.Count > 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private async Task ReplayAsync(CancellationToken cancellationToken)
    {
        using StateCommitLockHandle? held = _commitLock is null ? null : await _commitLock.EnterWriteAsync(cancellationToken).ConfigureAwait(false);

        // Replay writes state for every stored block: they must be durable first.
        _blocks.Sync();
        RecoveredBlocks += await LedgerReplay.ReplayAsync(_blocks, _state, _progress, _listeners, _logger, cancellationToken, _privateData).ConfigureAwait(false);
    }
}
