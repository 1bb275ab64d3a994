using Fabricish.Channels.Blocks;
using Fabricish.Committer.Config;
using Fabricish.Committer.History;
using Fabricish.Committer.Validation;
using Fabricish.Ledger;
using Fabricish.Ledger.State;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabricish.Committer;

/// <summary>Commits a channel's blocks in order, as Fabric's kvledger does: validate (transactions, then MVCC), write
/// the outcome into the block's TRANSACTIONS_FILTER, append the block to the block store, then apply the valid writes
/// and the history entries to the state database in one batch whose savepoint is the block. The block store is
/// therefore never behind the state; <see cref="OpenAsync"/> re-applies every stored block above the savepoint from
/// its recorded filter, which converges whether a crash hit before, during or after the state write.</summary>
public sealed class BlockCommitter
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
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _faulted;

    private BlockCommitter(
        string channelId, BlockStore blocks, IStateDatabase state, TxValidator validator, IBlockVerifier verifier, IConfigTransactionHandler configHandler, ILogger logger, StateCommitLock? commitLock)
    {
        _commitLock = commitLock;
        _channelId = channelId;
        _blocks = blocks;
        _state = state;
        _validator = validator;
        _mvcc = new MvccValidator(state);
        _verifier = verifier;
        _configHandler = configHandler;
        _logger = logger;
    }

    /// <summary>Stored blocks re-applied to the state database when this committer was opened.</summary>
    public int RecoveredBlocks { get; private set; }

    public ulong Height => _blocks.Height;

    /// <summary>Brings the state database level with the block store, then returns a committer for the next block.
    /// The caller loads the channel configuration from the store's last config block: recovery re-applies state,
    /// not configuration.</summary>
    /// <param name="commitLock">The channel's commit lock, shared with its simulations: when given, each block is
    /// appended and its state written under the write side, as Fabric's commitRWLock.</param>
    public static async Task<BlockCommitter> OpenAsync(
        string channelId,
        BlockStore blocks,
        IStateDatabase state,
        TxValidator validator,
        IBlockVerifier verifier,
        IConfigTransactionHandler configHandler,
        ILogger<BlockCommitter>? logger = null,
        CancellationToken cancellationToken = default,
        StateCommitLock? commitLock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(configHandler);
        var committer = new BlockCommitter(channelId, blocks, state, validator, verifier, configHandler, (ILogger?)logger ?? NullLogger.Instance, commitLock);
        await committer.ReplayAboveSavepointAsync(cancellationToken).ConfigureAwait(false);
        return committer;
    }

    public async Task<BlockCommitResult> CommitAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_faulted)
            {
                throw new InvalidOperationException("an earlier commit failed part-way; call RecoverAsync once the state database is back");
            }

            ulong number = block.Header?.Number ?? 0;
            using IDisposable? scope = _logger.BeginScope(new Dictionary<string, object> { ["channel"] = _channelId, ["block"] = number });
            if (Refusal(block) is { } refusal)
            {
                if (refusal.Status == BlockCommitStatus.Refused)
                {
                    CommitterLog.BlockRefused(_logger, number, refusal.Reason!);
                }

                return refusal;
            }

            _faulted = true;
            BlockCommitResult result = await ValidateAndCommitAsync(block, number, cancellationToken).ConfigureAwait(false);
            _faulted = false;
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private BlockCommitResult? Refusal(Block block)
    {
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

        if (!block.Header.DataHash.Span.SequenceEqual(BlockHashing.DataHash(block.Data ?? new BlockData())))
        {
            return BlockCommitResult.Refused(number, "data hash does not match the block's data");
        }

        return _verifier.Verify(block) is { } reason ? BlockCommitResult.Refused(number, reason) : null;
    }

    private async Task<BlockCommitResult> ValidateAndCommitAsync(Block block, ulong number, CancellationToken cancellationToken)
    {
        IReadOnlyList<ValidatedTransaction> transactions;
        MvccOutcome outcome;
        if (number == 0)
        {
            // The genesis block founds the channel rather than being judged by it, as when Fabric creates a ledger.
            transactions = [];
            outcome = new MvccOutcome(new TxValidationCode[block.Data?.Data.Count ?? 0], new UpdateBatch());
        }
        else
        {
            transactions = _validator.Validate(block);
            outcome = await _mvcc.ValidateAndPrepareAsync(number, transactions, cancellationToken).ConfigureAwait(false);
            HistoryIndex.Add(outcome.Updates, transactions, outcome.Codes, number);
        }

        TransactionsFilter.Set(block, outcome.Codes);

        // Validation only reads state the committer alone writes, so simulations wait just for the append and write:
        // a block event (Deliver follows the store) must not let a proposal read the state half way to the block.
        using (StateCommitLockHandle? held = await EnterWriteAsync(cancellationToken).ConfigureAwait(false))
        {
            AppendResult appended = _blocks.Append(block);
            if (!appended.Accepted)
            {
                throw new InvalidOperationException($"block store refused block {number} that passed the committer's checks: {appended.Reason}");
            }

            await _state.ApplyUpdatesAsync(outcome.Updates, Savepoint(number, outcome.Codes.Count), cancellationToken).ConfigureAwait(false);
            foreach (ValidatedTransaction tx in transactions)
            {
                if (tx.Config is { } config && outcome.Codes[tx.Index] == TxValidationCode.Valid)
                {
                    _configHandler.Apply(config, number);
                    CommitterLog.ConfigApplied(_logger, config.Config.Sequence, number);
                }
            }
        }

        CommitterLog.BlockCommitted(_logger, number, outcome.Codes.Count(c => c == TxValidationCode.Valid), outcome.Codes.Count);
        return new BlockCommitResult(number, BlockCommitStatus.Committed, outcome.Codes);
    }

    /// <summary>Brings the state level with the block store again after a commit failed part-way (typically the
    /// state database was unavailable after the block was appended), then accepts blocks again.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReplayAboveSavepointAsync(cancellationToken).ConfigureAwait(false);
            _faulted = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Fabric's recoverDBs: replays stored blocks above the savepoint without re-validating them, applying
    /// exactly the writes of the transactions their filter marks valid.</summary>
    private async Task ReplayAboveSavepointAsync(CancellationToken cancellationToken)
    {
        using StateCommitLockHandle? held = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        Height? savepoint = await _state.GetLatestSavepointAsync(cancellationToken).ConfigureAwait(false);
        ulong height = _blocks.Height;
        ulong first = savepoint is { } saved ? saved.BlockNum + 1 : 0;
        if (first > height)
        {
            throw new InvalidOperationException($"state database savepoint {savepoint} is ahead of the block store height {height}");
        }

        if (first == height)
        {
            return;
        }

        CommitterLog.Recovering(_logger, first, height - 1);
        for (ulong number = first; number < height; number++)
        {
            Block block = _blocks.GetBlock(number) ?? throw new InvalidOperationException($"block {number} is below the height but unreadable");
            TxValidationCode[] codes = TransactionsFilter.Get(block);
            var updates = new UpdateBatch();
            for (int i = 0; i < codes.Length; i++)
            {
                if (codes[i] != TxValidationCode.Valid || number == 0)
                {
                    continue;
                }

                var (_, rwSets) = TransactionReader.Read(block.Data.Data[i]);
                var tx = new ValidatedTransaction { Index = i, Code = TxValidationCode.Valid, RwSets = rwSets };
                var txHeight = new Height(number, (ulong)i);
                MvccValidator.ApplyWrites(tx, txHeight, updates);
                HistoryIndex.Add(updates, rwSets, txHeight);
            }

            await _state.ApplyUpdatesAsync(updates, Savepoint(number, codes.Length), cancellationToken).ConfigureAwait(false);
            RecoveredBlocks++;
        }
    }

    private async Task<StateCommitLockHandle?> EnterWriteAsync(CancellationToken cancellationToken) =>
        _commitLock is null ? null : await _commitLock.EnterWriteAsync(cancellationToken).ConfigureAwait(false);

    private static Height Savepoint(ulong number, int txCount) => new(number, txCount > 0 ? (ulong)(txCount - 1) : 0);
}
