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

namespace Fabricish.Committer;

/// <summary>Brings the state and history databases level with the block store, for the committer to call under the
/// channel's commit lock when it opens or recovers.</summary>
internal static class LedgerReplay
{
    private const int HistoryCatchUpBatch = 256;

    /// <summary>Fabric's recoverDBs: replays stored blocks above the state savepoint without re-validating them,
    /// applying exactly the writes of the transactions their filter marks valid, and records the history of every
    /// block above the history savepoint, each block's only after its state.</summary>
    public static async Task<int> ReplayAsync(
        BlockStore blocks, IStateDatabase state, CommitProgress progress, StateListeners listeners, ILogger logger, CancellationToken cancellationToken,
        PrivateDataCommitter? privateData = null)
    {
        int recovered = 0;
        Height? savepoint = await state.GetLatestSavepointAsync(cancellationToken).ConfigureAwait(false);
        ulong height = blocks.Height;
        ulong first = savepoint is { } saved ? saved.BlockNum + 1 : 0;
        if (first > height)
        {
            throw new InvalidOperationException($"state database savepoint {savepoint} is ahead of the block store height {height}");
        }

        HistoryDatabase history = blocks.History;
        ulong historyFirst = history.Savepoint is { } indexed ? indexed + 1 : 0;
        if (first < height)
        {
            CommitterLog.Recovering(logger, first, height - 1);
        }

        if (historyFirst < Math.Min(first, height))
        {
            CommitterLog.RecoveringHistory(logger, historyFirst, Math.Min(first, height) - 1);
        }

        var historyOnly = new List<HistoryBlock>();
        for (ulong number = Math.Min(first, historyFirst); number < height; number++)
        {
            Block block = blocks.GetBlock(number) ?? throw new InvalidOperationException($"block {number} is below the height but unreadable");
            TxValidationCode[] codes = TransactionsFilter.Get(block);
            var updates = new UpdateBatch();
            List<HistoryWrite>? writes = null;
            var valid = new List<ValidatedTransaction>();
            for (int i = 0; i < codes.Length; i++)
            {
                if (codes[i] != TxValidationCode.Valid || number == 0)
                {
                    continue;
                }

                var (header, rwSets) = TransactionReader.Read(block.Data.Data[i]);
                BlockHistory.Add(ref writes, i, rwSets);
                valid.Add(new ValidatedTransaction { Index = i, Code = TxValidationCode.Valid, TxId = header.TxId, RwSets = rwSets });
            }

            if (number >= first && valid.Count > 0)
            {
                // Metadata and values a transaction leaves unchanged are merged from state, as at the original commit.
                LatestState latest = await LatestState.LoadAsync(state, MvccValidator.WrittenKeysOf(valid), cancellationToken).ConfigureAwait(false);
                foreach (ValidatedTransaction tx in valid)
                {
                    KeyOperations.Apply(tx.RwSets, new Height(number, (ulong)tx.Index), updates, latest);
                }

            }

            if (number >= first && number > 0 && privateData is not null)
            {
                // Also for a block without valid transactions: keys of earlier blocks may expire at it.
                await privateData.ReplayAsync(
                    number, valid, updates, (ns, key, token) => new ValueTask<VersionedValue?>(state.GetStateAsync(ns, key, token)), cancellationToken).ConfigureAwait(false);
            }

            historyOnly.Add(new HistoryBlock(number, writes ?? (IReadOnlyList<HistoryWrite>)[]));
            if (number < first)
            {
                // State already holds these blocks: their history is only caught up, in batches.
                if (historyOnly.Count == HistoryCatchUpBatch || number + 1 == first)
                {
                    history.Commit(historyOnly);
                    historyOnly.Clear();
                }

                continue;
            }

            var write = new PendingStateWrite(number, codes, updates, historyOnly[0]);
            await state.ApplyUpdatesAsync(updates, write.Savepoint, cancellationToken).ConfigureAwait(false);
            privateData?.SavepointRecorded(number);
            history.Commit(historyOnly);
            historyOnly.Clear();
            progress.Advance(number + 1);
            listeners.Notify(number, updates);
            recovered++;
        }

        return recovered;
    }
}
