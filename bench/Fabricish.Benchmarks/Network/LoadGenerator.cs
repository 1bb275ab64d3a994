using System.Diagnostics;
using System.Globalization;
using Fabricish.Client;
using Grpc.Core;

namespace Fabricish.Benchmarks.Network;

/// <summary>
/// Runs bench transactions through Fabricish.Client's proposal API, so each step has its own time: endorse (the
/// gateway collects the endorsements the policy needs), submit (the gateway broadcasts to the orderers), then the wait
/// until every peer's block watcher has seen the transaction. Closed loop: W workers, one transaction each at a time.
/// Open loop: transactions started at a fixed rate whatever is in flight.
/// </summary>
public sealed class LoadGenerator(IReadOnlyList<OrgClient> gateways, TxTracker tracker, Workload workload, TimeSpan transactionTimeout)
{
    /// <summary>Open loop: more than this many in flight means the client side is saturated, not the network.</summary>
    public const int MaxInFlight = 20_000;

    private long _sequence;
    private long _draws;
    private long _started;
    private long _skipped;

    /// <summary>Transactions started (all phases).</summary>
    public long Started => Interlocked.Read(ref _started);

    /// <summary>Open-loop starts skipped because <see cref="MaxInFlight"/> were in flight.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Creates the assets the workload reads, <paramref name="workers"/> at a time, and waits for them to
    /// commit everywhere. Returns the records so the caller can account for them.</summary>
    public async Task<IReadOnlyList<TxRecord>> SeedAsync(int workers, CancellationToken cancellationToken)
    {
        var records = new List<TxRecord>();
        int next = -1;
        async Task Worker(int worker)
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < workload.SeedKeys.Count && !cancellationToken.IsCancellationRequested)
            {
                (string function, string[] arguments) = workload.Create(workload.SeedKeys[index]);
                TxRecord record = await RunAsync(worker, function, arguments, measured: false, awaitCommit: true, cancellationToken).ConfigureAwait(false);
                lock (records)
                {
                    records.Add(record);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, workers)).Select(w => Task.Run(() => Worker(w), cancellationToken))).ConfigureAwait(false);
        return records;
    }

    /// <summary>W workers, each starting its next transaction once the last one is done, until <paramref name="stop"/>
    /// says so. <paramref name="measured"/> says whether a transaction started now counts.</summary>
    public Task RunClosedLoopAsync(int workers, Func<bool> stop, Func<bool> measured, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(
            async () =>
            {
                while (!stop() && !cancellationToken.IsCancellationRequested)
                {
                    (string function, string[] arguments) = workload.Next(worker, Interlocked.Increment(ref _draws));
                    await RunAsync(worker, function, arguments, measured(), workload.Submits, cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken)));

    /// <summary>Starts <paramref name="rate"/> transactions per second on schedule (identities round robin over
    /// <paramref name="workers"/>) until <paramref name="stop"/>; then waits for those in flight.</summary>
    public async Task RunOpenLoopAsync(double rate, int workers, Func<bool> stop, Func<bool> measured, CancellationToken cancellationToken)
    {
        var running = new List<Task>();
        long origin = Stopwatch.GetTimestamp();
        long issued = 0;
        while (!stop() && !cancellationToken.IsCancellationRequested)
        {
            double elapsed = Stopwatch.GetElapsedTime(origin).TotalSeconds;
            long due = (long)(elapsed * rate);
            for (; issued < due && !stop(); issued++)
            {
                if (tracker.InFlight >= MaxInFlight)
                {
                    Interlocked.Increment(ref _skipped);
                    continue;
                }

                int worker = (int)(issued % workers);
                (string function, string[] arguments) = workload.Next(-1, Interlocked.Increment(ref _draws));
                bool counts = measured();
                running.Add(Task.Run(() => RunAsync(worker, function, arguments, counts, workload.Submits, cancellationToken), cancellationToken));
            }

            if (running.Count > 4096)
            {
                running.RemoveAll(t => t.IsCompleted);
            }

            // Sleep until the next start is due (at least the timer's 1 ms): a spinning scheduler would take CPU from
            // the network it measures.
            double next = (issued + 1) / rate;
            double wait = Math.Max(1, (next - Stopwatch.GetElapsedTime(origin).TotalSeconds) * 1000);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(wait, 100)), cancellationToken).ConfigureAwait(false);
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>One transaction from proposal to its outcome; never throws for a refused or lost transaction.</summary>
    public async Task<TxRecord> RunAsync(int worker, string function, string[] arguments, bool measured, bool awaitCommit, CancellationToken cancellationToken)
    {
        int gateway = worker % gateways.Count;
        long start = Stopwatch.GetTimestamp();
        Proposal proposal = gateways[gateway].Contract.NewProposal(function, ProposalOptions.WithArguments(arguments));
        var record = new TxRecord(proposal.TransactionId, Interlocked.Increment(ref _sequence), worker, gateway, start, measured, tracker.Peers);
        tracker.Add(record, awaitCommit);
        Interlocked.Increment(ref _started);
        if (!awaitCommit)
        {
            try
            {
                await proposal.EvaluateAsync(cancellationToken).ConfigureAwait(false);
                record.Endorsed = Stopwatch.GetTimestamp();
                record.TryFinish(TxOutcome.Committed, null, record.Endorsed);
            }
            catch (Exception e) when (e is GatewayException or RpcException or OperationCanceledException or InvalidOperationException)
            {
                record.TryFinish(TxOutcome.Failed, "evaluate" + Describe(e), Stopwatch.GetTimestamp());
            }

            return record;
        }

        Transaction transaction;
        try
        {
            transaction = await proposal.EndorseAsync(cancellationToken).ConfigureAwait(false);
            record.Endorsed = Stopwatch.GetTimestamp();
            await transaction.SubmitAsync(cancellationToken).ConfigureAwait(false);
            record.Submitted = Stopwatch.GetTimestamp();
        }
        catch (Exception e) when (e is GatewayException or RpcException or OperationCanceledException or InvalidOperationException)
        {
            tracker.Forget(record);
            record.TryFinish(TxOutcome.Failed, (record.Endorsed == 0 ? "endorse" : "submit") + Describe(e), Stopwatch.GetTimestamp());
            return record;
        }

        try
        {
            await record.Done.WaitAsync(transactionTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            tracker.Forget(record);
            string why = e is TimeoutException
                ? string.Create(CultureInfo.InvariantCulture, $"timeout: committed on {record.PeersSeen} of {tracker.Peers} peers after {transactionTimeout.TotalSeconds:0} s")
                : "timeout: the bench was stopped before the commit";
            record.TryFinish(TxOutcome.Failed, why, Stopwatch.GetTimestamp());
        }

        return record;
    }

    /// <summary>" (StatusCode): message" — the status code is what the report groups failures by.</summary>
    private static string Describe(Exception e) => e switch
    {
        GatewayException g => $" ({g.StatusCode}): {OneLine(g.Message)}",
        RpcException r => $" ({r.StatusCode}): {OneLine(r.Status.Detail)}",
        OperationCanceledException => " (Cancelled): the bench was stopped",
        _ => $" ({e.GetType().Name}): {OneLine(e.Message)}",
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
