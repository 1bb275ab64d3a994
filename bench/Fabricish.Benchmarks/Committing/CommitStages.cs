using System.Diagnostics;
using Fabricish.Benchmarks.Network;
using Fabricish.Channels.Blocks;
using Fabricish.Committer;
using Fabricish.Committer.Config;
using Fabricish.Committer.Validation;
using Fabricish.Ledger;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Testing;

namespace Fabricish.Benchmarks.Committing;

/// <summary>The two committer stages that do not touch the state database, timed on their own over the measured
/// blocks: TxValidator.Validate (envelope, creator signature, tx id, both endorsements against the policy),
/// BlockStore.Append of the block with its filter into a scratch block store without waiting for the disk, with the
/// data hash the committer computed while checking the block (as the committer appends), and the BlockStore.Sync that the state-write pipeline does before writing the block's state.</summary>
internal static class CommitStages
{
    public static (double ValidationMs, double AppendMs, double SyncMs) Measure(TestNetwork network, CommitterWorkload workload, bool parallel)
    {
        string directory = Directory.CreateTempSubdirectory("fx-combench-stages-").FullName;
        try
        {
            using BlockStore store = BlockStore.Open(directory);
            Block genesis = workload.Genesis.Clone();
            Append(store, genesis, BlockHashing.DataHash(genesis.Data));
            var config = new ChannelConfigHolder(network.Config);
            TxValidator validator = CommitterRun.NewValidator(config, store, parallel);
            long validate = 0;
            long append = 0;
            long sync = 0;
            int measured = 0;
            for (int b = 0; b < workload.Blocks.Count; b++)
            {
                Block block = workload.Blocks[b].Clone();
                long start = Stopwatch.GetTimestamp();
                IReadOnlyList<ValidatedTransaction> results = validator.Validate(block);
                long validated = Stopwatch.GetTimestamp();
                TransactionsFilter.Set(block, [.. results.Select(r => r.Code)]);
                // The committer hashes the data while checking the block and hands the hash to the store.
                byte[] dataHash = BlockHashing.DataHash(block.Data);
                long filtered = Stopwatch.GetTimestamp();
                Append(store, block, dataHash);
                long appended = Stopwatch.GetTimestamp();
                store.Sync();
                long synced = Stopwatch.GetTimestamp();
                if (b >= workload.WarmupBlocks)
                {
                    validate += validated - start;
                    append += appended - filtered;
                    sync += synced - appended;
                    measured++;
                }

                if (results.FirstOrDefault(r => r.Code != TxValidationCode.Valid) is { } invalid)
                {
                    throw new InvalidOperationException($"block {b + 1} tx {invalid.Index} is {invalid.Code}: {invalid.Reason}");
                }
            }

            return (
                Stopwatch.GetElapsedTime(0, validate).TotalMilliseconds / measured,
                Stopwatch.GetElapsedTime(0, append).TotalMilliseconds / measured,
                Stopwatch.GetElapsedTime(0, sync).TotalMilliseconds / measured);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Append(BlockStore store, Block block, byte[] dataHash)
    {
        AppendResult result = store.Append(block, sync: false, dataHash);
        if (!result.Accepted)
        {
            throw new InvalidOperationException($"block store refused block {block.Header.Number}: {result.Reason}");
        }
    }
}
