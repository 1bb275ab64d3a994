using System.Diagnostics;
using System.Globalization;
using Fabricish.Benchmarks.Network;

namespace Fabricish.Benchmarks.Chaos;

/// <summary>
/// Runs the faults one after another under the open-loop load: normal load first (the baseline), then for each fault
/// inject, hold, heal, wait for the network to recover by itself (or note the hand it needed), and normal load again
/// before the next. The latency run swaps the open loop for closed loops, without and then with the delay.
/// </summary>
public sealed class ChaosSuite(ChaosContext context)
{
    /// <summary>The partition's promise: Org2's peer back at the orderers' height this soon after the heal.</summary>
    public const double PartitionCatchUpLimitSeconds = 10;

    private const int LatencyWorkers = 8;
    private const string NeedsHostsReason = "needs each organization on a host of its own: a network started with ./fabricish up --hosts netns";
    private readonly List<ChaosPhase> _phases = [];

    public IReadOnlyList<ChaosPhase> Phases => _phases;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ChaosOptions options = context.Options;
        // The baseline owns whatever the load started before the suite began.
        var baseline = new ChaosPhase("none") { Start = 0 };
        _phases.Add(baseline);
        Log($"normal load, {options.LoadRate.ToString(CultureInfo.InvariantCulture)} tx/s, {options.Settle.TotalSeconds:0} s");
        baseline.Injected = Stopwatch.GetTimestamp();
        baseline.Actions.Add("nothing: normal load");
        await Task.Delay(options.Settle, cancellationToken).ConfigureAwait(false);
        baseline.End = Stopwatch.GetTimestamp();
        foreach (string name in options.SelectedFaults)
        {
            ChaosPhase phase = name == "latency"
                ? await RunLatencyAsync(cancellationToken).ConfigureAwait(false)
                : await RunFaultAsync(Fault(name), cancellationToken).ConfigureAwait(false);
            _phases.Add(phase);
        }
    }

    private IChaosFault Fault(string name)
    {
        TimeSpan hold = context.Options.HoldFor;
        return name switch
        {
            "kafka-leader" => new ProcessKillFault(name, hold, KafkaLeader.FindAsync),
            "orderer" => ProcessKillFault.Of(name, "orderer0", hold),
            "peer" => ProcessKillFault.Of(name, "peer0.org2", hold),
            "couchdb" => ProcessKillFault.Of(name, "couchdb0", hold),
            "chaincode" => ProcessKillFault.Of(name, "chaincode-basic", hold),
            "freeze" => new ProcessFreezeFault(name, "peer0.org1", hold),
            "tamper-admin" => new OrdererAdminTamper("orderer0"),
            "tamper-statedb" => new StateDbTamper("couchdb0", "Org1"),
            "partition" => new PartitionFault("org2", "orderers", context.Options.PartitionFor),
            _ => throw new InvalidOperationException($"no fault '{name}'"),
        };
    }

    private async Task<ChaosPhase> RunFaultAsync(IChaosFault fault, CancellationToken cancellationToken)
    {
        var phase = new ChaosPhase(fault.Name);
        if (fault.Name is "couchdb" or "tamper-statedb" && !context.Network.Has("couchdb0"))
        {
            return Skip(phase, "Org1's peer keeps its state embedded (up --state-db): there is no CouchDB server to kill or tamper with");
        }

        if (fault.NeedsHosts && !context.Network.SeparateHosts)
        {
            return Skip(phase, NeedsHostsReason);
        }

        if (fault.Name == "partition")
        {
            phase.CatchUpLimitSeconds = PartitionCatchUpLimitSeconds;
        }

        FaultStep injected = await fault.InjectAsync(context, cancellationToken).ConfigureAwait(false);
        phase.Injected = Stopwatch.GetTimestamp();
        Record(phase, injected);
        Log($"[{fault.Name}] {injected.Action}{(injected.Result is { } r ? ": " + r : "")}");
        await Task.Delay(fault.Hold, cancellationToken).ConfigureAwait(false);
        long ordererHeight = context.Load.OrdererHeight;
        FaultStep healed = await fault.HealAsync(context, cancellationToken).ConfigureAwait(false);
        phase.Healed = Stopwatch.GetTimestamp();
        if (fault.Hold > TimeSpan.Zero)
        {
            Record(phase, healed);
            Log($"[{fault.Name}] {healed.Action}{(healed.Result is { } outcome ? ": " + outcome : "")}");
        }

        await RecoverAsync(phase, Math.Max(ordererHeight, context.Load.OrdererHeight), cancellationToken).ConfigureAwait(false);
        await Task.Delay(context.Options.Settle, cancellationToken).ConfigureAwait(false);
        phase.End = Stopwatch.GetTimestamp();
        return phase;
    }

    /// <summary>A fault not run: an empty stretch whose row says why.</summary>
    private ChaosPhase Skip(ChaosPhase phase, string reason)
    {
        phase.Skipped = reason;
        phase.End = phase.Start;
        Log($"[{phase.Fault}] skipped: {reason}");
        return phase;
    }

    private static void Record(ChaosPhase phase, FaultStep step)
    {
        phase.Actions.Add(step.Action);
        if (step.Result is { } result)
        {
            phase.Notes.Add(result);
        }

        phase.StepFailed |= !step.Ok;
    }

    /// <summary>Waits until nothing is stopped, a transaction started after the heal has committed on both peers and
    /// every peer has the blocks the orderers had at the heal. If that does not happen in time, an operator's hand:
    /// start whatever is stopped (up), then restart the peers.</summary>
    private async Task RecoverAsync(ChaosPhase phase, long ordererHeight, CancellationToken cancellationToken)
    {
        if (await RecoveredWithinAsync(phase, ordererHeight, cancellationToken).ConfigureAwait(false) is { } seconds)
        {
            Log($"[{phase.Fault}] recovered by itself {seconds:0.0} s after the heal");
            return;
        }

        IReadOnlyList<string> stopped = context.Network.Stopped();
        string[] command = stopped.Count > 0 ? ["up"] : ["restart", "peer0.org1", "peer0.org2"];
        phase.Hand = $"yes: ./fabricish {string.Join(' ', command)}" + (stopped.Count > 0 ? $" (stopped: {string.Join(", ", stopped)})" : "");
        Log($"[{phase.Fault}] not recovered within {context.Options.RecoveryTimeout.TotalSeconds:0} s: {phase.Hand}");
        (int code, string output) = await context.Network.FabricishAsync(cancellationToken, command).ConfigureAwait(false);
        if (code != 0)
        {
            phase.Notes.Add($"./fabricish {command[0]} failed: {output.Trim().Split('\n').LastOrDefault()}");
        }

        phase.Healed = Stopwatch.GetTimestamp();
        phase.Recovered = await RecoveredWithinAsync(phase, context.Load.OrdererHeight, cancellationToken).ConfigureAwait(false) is not null;
        if (!phase.Recovered)
        {
            phase.Notes.Add("NOT RECOVERED even by hand");
        }
    }

    private async Task<double?> RecoveredWithinAsync(ChaosPhase phase, long ordererHeight, CancellationToken cancellationToken)
    {
        long deadline = phase.Healed + (long)(context.Options.RecoveryTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            bool caughtUp = context.Load.Peers.All(p => p.Height >= ordererHeight);
            if (caughtUp && phase.CatchUpSeconds is null)
            {
                phase.CatchUpSeconds = Stopwatch.GetElapsedTime(phase.Healed).TotalSeconds;
            }

            if (caughtUp && context.Network.Stopped().Count == 0
                && context.Load.Tracker.All.Any(r => r.Outcome == TxOutcome.Committed && r.Start >= phase.Healed))
            {
                return Stopwatch.GetElapsedTime(phase.Healed).TotalSeconds;
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>Closed loops of <see cref="LatencyWorkers"/> clients, first without and then with the delay between
    /// organizations, so the committed rates stand side by side; the open loop pauses meanwhile.</summary>
    private async Task<ChaosPhase> RunLatencyAsync(CancellationToken cancellationToken)
    {
        ChaosOptions options = context.Options;
        var phase = new ChaosPhase("latency");
        if (!context.Network.SeparateHosts)
        {
            return Skip(phase, NeedsHostsReason);
        }

        await context.Load.StopOpenLoopAsync().ConfigureAwait(false);
        await context.Load.DrainAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        phase.Start = Stopwatch.GetTimestamp();
        phase.Injected = phase.Start;
        Log($"[latency] {LatencyWorkers} clients, {options.LatencyWindow.TotalSeconds:0} s without delay");
        LatencyWindowResult plain = await WindowAsync(cancellationToken).ConfigureAwait(false);
        string delay = $"{options.LatencyMs} ms ± {options.JitterMs} ms";
        (int code, string output) = await context.Network.FabricishAsync(cancellationToken, "net", "latency",
            options.LatencyMs.ToString(CultureInfo.InvariantCulture), options.JitterMs.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        phase.Actions.Add($"./fabricish net latency {options.LatencyMs} {options.JitterMs} ({delay} one way between organizations)");
        if (code != 0)
        {
            phase.Notes.Add($"net latency failed: {output.Trim()}");
        }

        phase.StepFailed |= code != 0;
        (_, string shown) = await context.Network.FabricishAsync(cancellationToken, "net", "show").ConfigureAwait(false);
        Log($"[latency] {LatencyWorkers} clients, {options.LatencyWindow.TotalSeconds:0} s with {delay}");
        LatencyWindowResult delayed = await WindowAsync(cancellationToken).ConfigureAwait(false);
        (code, output) = await context.Network.FabricishAsync(cancellationToken, "net", "latency", "off").ConfigureAwait(false);
        phase.Healed = Stopwatch.GetTimestamp();
        phase.Actions.Add("./fabricish net latency off");
        if (code != 0)
        {
            phase.Notes.Add($"net latency off failed: {output.Trim()}");
        }

        phase.StepFailed |= code != 0;
        phase.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"committed {plain.PerSecond:0.0} tx/s (p50 {plain.P50Ms:0} ms) without delay, {delayed.PerSecond:0.0} tx/s (p50 {delayed.P50Ms:0} ms) with {delay}"));
        // net show measures the round trip the delay really gives (a TCP connect crosses it twice).
        if (shown.Split('\n').FirstOrDefault(l => l.StartsWith("rtt org1->orderers:", StringComparison.Ordinal)) is { } rtt)
        {
            phase.Notes.Add("measured with the delay: " + rtt.Split(" (", 2)[0].Trim());
        }

        phase.LatencyWindows = (plain, delayed);
        context.Load.StartOpenLoop(options.LoadRate);
        await RecoverAsync(phase, context.Load.OrdererHeight, cancellationToken).ConfigureAwait(false);
        phase.End = Stopwatch.GetTimestamp();
        return phase;
    }

    private async Task<LatencyWindowResult> WindowAsync(CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        await context.Load.RunClosedLoopAsync(LatencyWorkers, context.Options.LatencyWindow).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        List<TxRecord> records = [.. context.Load.Tracker.All.Where(r => r.Start >= start && r.Outcome == TxOutcome.Committed)];
        double[] latencies = [.. records.Select(r => (double)(r.Committed - r.Start) * 1000 / Stopwatch.Frequency).Order()];
        return new LatencyWindowResult(records.Count / seconds, latencies.Length == 0 ? 0 : latencies[latencies.Length / 2]);
    }

    private void Log(string message) => context.Progress.WriteLine($"chaos: {message}");
}
