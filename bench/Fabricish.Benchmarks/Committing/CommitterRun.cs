#if COMMITTING_BENCH
using System.Diagnostics;
using Fabricish.Benchmarks.Network;
using Fabricish.Committer;
using Fabricish.Committer.Config;
using Fabricish.Committer.Validation;
using Fabricish.Ledger;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.CouchDb;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;

namespace Fabricish.Benchmarks.Committing;

/// <summary>One committing peer wired as the peer process wires it (block store in a scratch folder, a fresh
/// CouchDB state database for the channel, TxValidator with the AND(Org1, Org2) policy), fed the workload's blocks
/// one after another: the warm-up blocks, then the measured ones, each commit timed.</summary>
internal static class CommitterRun
{
    private const int SeedChunk = 2000;

    public static TxValidator NewValidator(ChannelConfigHolder config, BlockStore store, bool parallel)
    {
        var policies = new EndorsementPolicies(new Dictionary<string, string> { [CommitterWorkload.Chaincode] = "AND('Org1MSP.peer','Org2MSP.peer')" });
        return new TxValidator(config, policies, new BlockStoreTxIds(store), new ConfigTransactionHandler(config), new TxValidationOptions { Parallel = parallel });
    }

    public static async Task<CommitRunResult> RunAsync(
        BenchNetwork network, CommitterWorkload workload, HttpClient couchDb, bool parallel, (double ValidationMs, double AppendMs) stages)
    {
        string directory = Directory.CreateTempSubdirectory("fx-combench-").FullName;
        try
        {
            var state = new TimedStateDatabase(new CouchDbStateDatabase(couchDb, "bench" + Guid.NewGuid().ToString("N")[..12]));
            var config = new ChannelConfigHolder(network.Config);
            using BlockStore store = BlockStore.Open(directory);
            BlockCommitter committer = await BlockCommitter.OpenAsync(
                network.ChannelId, store, state, NewValidator(config, store, parallel), new AcceptingBlockVerifier(), new ConfigTransactionHandler(config)).ConfigureAwait(false);
            await CommitAsync(committer, workload.Genesis.Clone()).ConfigureAwait(false);
            for (int first = 0; first < workload.Assets; first += SeedChunk)
            {
                await state.ApplyUpdatesAsync(CommitterWorkload.SeedBatch(first, Math.Min(SeedChunk, workload.Assets - first)), CommitterWorkload.SeedVersion).ConfigureAwait(false);
            }

            // Clones up front: committing writes the filter into a block's metadata, and the blocks are shared by runs.
            Block[] blocks = [.. workload.Blocks.Select(b => b.Clone())];
            for (int b = 0; b < workload.WarmupBlocks; b++)
            {
                await CommitAsync(committer, blocks[b]).ConfigureAwait(false);
            }

            GC.Collect();
            state.Reset();
            int measured = blocks.Length - workload.WarmupBlocks;
            var latencies = new double[measured];
            int valid = 0;
            var machineBefore = MachineCpu.Sample();
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < measured; i++)
            {
                long start = Stopwatch.GetTimestamp();
                BlockCommitResult result = await CommitAsync(committer, blocks[workload.WarmupBlocks + i]).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                valid += result.Codes.Count(c => c == TxValidationCode.Valid);
            }

            double seconds = clock.Elapsed.TotalSeconds;
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var machineAfter = MachineCpu.Sample();
            Array.Sort(latencies);
            return new CommitRunResult
            {
                ParallelValidation = parallel,
                Blocks = measured,
                Transactions = measured * workload.TransactionsPerBlock,
                ValidTransactions = valid,
                Seconds = seconds,
                CommitMsPerBlock = seconds * 1000 / measured,
                CommitP50Ms = Percentile(latencies, 0.50),
                CommitP99Ms = Percentile(latencies, 0.99),
                ValidationMsPerBlock = stages.ValidationMs,
                VersionLoadMsPerBlock = state.VersionLoad.TotalMilliseconds / measured,
                BulkWriteMsPerBlock = state.BulkWrite.TotalMilliseconds / measured,
                AppendMsPerBlock = stages.AppendMs,
                CommitterCores = cpu.TotalSeconds / seconds,
                MachineCores = MachineCpu.BusyCores(machineBefore, machineAfter),
            };
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<BlockCommitResult> CommitAsync(BlockCommitter committer, Block block)
    {
        BlockCommitResult result = await committer.CommitAsync(block).ConfigureAwait(false);
        if (result.Status != BlockCommitStatus.Committed)
        {
            throw new InvalidOperationException($"block {result.BlockNumber} was {result.Status}: {result.Reason}");
        }

        return result;
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
#endif
