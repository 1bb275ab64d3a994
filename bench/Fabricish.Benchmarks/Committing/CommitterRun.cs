using System.Diagnostics;
using Fabricish.Benchmarks.Network;
using Fabricish.Committer;
using Fabricish.Committer.Config;
using Fabricish.Committer.Validation;
using Fabricish.Ledger;
using Fabricish.Ledger.State;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Policies;

namespace Fabricish.Benchmarks.Committing;

/// <summary>One committing peer wired as the peer process wires it (block store in a scratch folder, a fresh state
/// database for the channel, TxValidator with the AND(Org1, Org2) policy), fed the workload's blocks one after
/// another, each announced to the committer (BlockCommitter.Anticipate) while the one before it commits, as a deliver
/// stream running ahead hands them: the warm-up blocks, then the measured ones, each commit timed and the process's
/// memory sampled.</summary>
internal static class CommitterRun
{
    private const int SeedChunk = 2000;

    public static TxValidator NewValidator(ChannelConfigHolder config, BlockStore store, bool parallel)
    {
        var policies = DefinedEndorsementPolicies.Signature("AND('Org1MSP.peer','Org2MSP.peer')", CommitterWorkload.Chaincode);
        return new TxValidator(config, policies, store, new ConfigTransactionHandler(config), new TxValidationOptions { Parallel = parallel });
    }

    public static async Task<CommitRunResult> RunAsync(
        TestNetwork network, CommitterWorkload workload, Func<string, IStateDatabase> newState, bool parallel, bool pipelined, (double ValidationMs, double AppendMs, double SyncMs) stages)
    {
        string directory = Directory.CreateTempSubdirectory("fx-combench-").FullName;
        IStateDatabase inner = newState(Path.Combine(directory, "statedb"));
        try
        {
            var state = new TimedStateDatabase(inner);
            var config = new ChannelConfigHolder(network.Config);
            using BlockStore store = BlockStore.Open(Path.Combine(directory, "chain"));

            // Wired as PeerChannel wires it: the channel's commit lock, and the pipeline unless measuring without it.
            using BlockCommitter committer = await BlockCommitter.OpenAsync(
                network.Config.ChannelId,
                store,
                state,
                NewValidator(config, store, parallel),
                new AcceptingBlockVerifier(),
                new ConfigTransactionHandler(config),
                commitLock: new StateCommitLock(),
                options: pipelined ? new BlockCommitterOptions() : new BlockCommitterOptions { MaxPendingStateWrites = 0 }).ConfigureAwait(false);
            await CommitAsync(committer, workload.Genesis.Clone()).ConfigureAwait(false);
            await committer.WaitForCommittedHeightAsync(1).ConfigureAwait(false);
            for (int first = 0; first < workload.Assets; first += SeedChunk)
            {
                await state.ApplyUpdatesAsync(CommitterWorkload.SeedBatch(first, Math.Min(SeedChunk, workload.Assets - first)), CommitterWorkload.SeedVersion).ConfigureAwait(false);
            }

            // Clones up front: committing writes the filter into a block's metadata, and the blocks are shared by runs.
            Block[] blocks = [.. workload.Blocks.Select(b => b.Clone())];
            IAsyncEnumerable<Block> measuredBlocks = workload.Streamed
                ? workload.StreamMeasuredAsync()
                : blocks.Skip(workload.WarmupBlocks).ToAsyncEnumerable();
            for (int b = 0; b < workload.WarmupBlocks; b++)
            {
                if (b + 1 < workload.WarmupBlocks)
                {
                    committer.Anticipate(blocks[b + 1]);
                }

                await CommitAsync(committer, blocks[b]).ConfigureAwait(false);
            }

            ulong firstMeasured = (ulong)workload.WarmupBlocks + 1;
            await committer.WaitForCommittedHeightAsync(firstMeasured).ConfigureAwait(false);
            GC.Collect();
            state.Reset();
            int measured = workload.MeasuredBlocks;
            var started = new long[measured];
            var latencies = new double[measured];
            var memory = new MemorySamples();
            using var following = new CancellationTokenSource();
            Task follower = FollowAsync(committer, firstMeasured, started, latencies, memory, following.Token);
            int valid = 0;
            var machineBefore = MachineCpu.Sample();
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            TimeSpan pauseBefore = GC.GetTotalPauseDuration();
            long allocatedBefore = GC.GetTotalAllocatedBytes();
            var clock = Stopwatch.StartNew();
            int i = 0;

            // One block ahead, as a deliver stream that runs ahead of the committer: the committer checks the next
            // block's signatures while it finishes the one in hand.
            await using IAsyncEnumerator<Block> ahead = measuredBlocks.GetAsyncEnumerator();
            Block? next = await ahead.MoveNextAsync().ConfigureAwait(false) ? ahead.Current : null;
            while (next is { } block)
            {
                next = await ahead.MoveNextAsync().ConfigureAwait(false) ? ahead.Current : null;
                if (next is not null)
                {
                    committer.Anticipate(next);
                }

                Volatile.Write(ref started[i++], Stopwatch.GetTimestamp());
                BlockCommitResult result = await CommitAsync(committer, block).ConfigureAwait(false);
                valid += result.Codes.Count(c => c == TxValidationCode.Valid);
            }

            await committer.WaitForCommittedHeightAsync(firstMeasured + (ulong)measured).ConfigureAwait(false);
            double seconds = clock.Elapsed.TotalSeconds;
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            int[] collections = [.. collectionsBefore.Select((before, gen) => GC.CollectionCount(gen) - before)];
            double pauseMs = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds;
            double allocatedKB = (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024.0;
            var machineAfter = MachineCpu.Sample();
            await follower.ConfigureAwait(false);
            Array.Sort(latencies);
            return new CommitRunResult
            {
                ParallelValidation = parallel,
                PipelinedStateWrites = pipelined,
                StateWrites = state.Writes,
                SavepointsRecorded = state.SavepointsRecorded,
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
                BlockSyncMsPerBlock = stages.SyncMs,
                Collections = collections,
                GcPauseMs = pauseMs,
                AllocatedKBPerBlock = allocatedKB / measured,
                CommitterCores = cpu.TotalSeconds / seconds,
                MachineCores = MachineCpu.BusyCores(machineBefore, machineAfter),
                RssAfterMarkMiB = memory.AtMark,
                PeakRssAfterMarkMiB = memory.Peak,
                ProcessPeakRssMiB = ProcessMemory.PeakResidentMiB(),
            };
        }
        finally
        {
            (inner as IDisposable)?.Dispose();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Records, for each measured block, the time from handing it to the committer until it is committed in
    /// full (state durable), as the peer's events see it.</summary>
    private static async Task FollowAsync(
        BlockCommitter committer, ulong first, long[] started, double[] latencies, MemorySamples memory, CancellationToken cancellationToken)
    {
        int i = 0;
        await foreach (Block block in committer.ReadCommittedFrom(first, cancellationToken).ConfigureAwait(false))
        {
            latencies[i] = Stopwatch.GetElapsedTime(Volatile.Read(ref started[i])).TotalMilliseconds;
            memory.Committed(i + 1);
            if (++i == latencies.Length)
            {
                return;
            }
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
