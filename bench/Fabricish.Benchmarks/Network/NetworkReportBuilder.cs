using System.Globalization;
using Fabricish.Benchmarks.Harness;

namespace Fabricish.Benchmarks.Network;

/// <summary>Turns a finished run's records and samples into the <see cref="NetworkReport"/>, with notes that say what
/// the numbers point at (saturated CPU, its biggest users, small blocks, failures).</summary>
public static class NetworkReportBuilder
{
    public static NetworkReport Build(NetworkReportInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        NetworkBenchOptions options = inputs.Options;
        LoadWindow window = inputs.Window;
        long windowEnd = window.WindowEnd(inputs.Records);
        double seconds = Math.Max(0.001, TxStats.Ms(window.WarmupEnd, windowEnd) / 1000);
        List<TxRecord> measured = [.. inputs.Records.Where(r => r.Measured)];
        bool InWindow(TxRecord r) => r.Committed >= window.WarmupEnd && r.Committed <= windowEnd;
        double committedPerSecond = inputs.Records.Count(r => r.Outcome == TxOutcome.Committed && InWindow(r)) / seconds;
        double invalidPerSecond = inputs.Records.Count(r => r.Outcome == TxOutcome.Invalid && InWindow(r)) / seconds;
        double startedPerSecond = measured.Count / seconds;
        int cores = Environment.ProcessorCount;
        double perBlock = inputs.Ordered.Blocks > 0 ? (double)inputs.Ordered.Transactions / inputs.Ordered.Blocks : 1;
        int endorsers = CryptoCeiling.EndorsersFor(inputs.Policy) ?? inputs.Layout.Orgs.Count;
        CryptoCeiling crypto = CryptoCeiling.Compute(inputs.SignPerCore, inputs.VerifyPerCore, cores, perBlock,
            CryptoCeiling.Count(options.Workload, endorsers, inputs.Layout.Orgs.Count, inputs.Layout.Orderers.Count, perBlock));
        (List<ProcessCpuUse> cpu, double? machineBusy, double networkCores) = Cpu(inputs, cores, committedPerSecond);
        // From the unrounded CPU: rounded cores (3 decimals) would be off by 0.1 ms per process at 10 tx/s.
        double? networkMs = cpu.Count > 0 && committedPerSecond > 0 ? Math.Round(networkCores * 1000 / committedPerSecond, 2) : null;
        var notes = new List<string>();
        Notes(notes, inputs, cpu, machineBusy, cores, perBlock);
        return new NetworkReport
        {
            StartedAt = inputs.StartedAt,
            Workload = options.Workload.ToString().ToLowerInvariant(),
            Loop = options.OpenLoop ? "open" : "closed",
            Workers = options.Workers,
            TargetRate = options.Rate,
            AssetBytes = options.AssetBytes,
            Keys = options.Workload switch
            {
                WorkloadKind.Create => 0,
                WorkloadKind.Hot => options.HotKeys,
                _ => inputs.Records.Count(r => !r.Measured && r.Start < window.LoadStart),
            },
            Policy = inputs.Policy,
            RunDirectory = inputs.Layout.RunDirectory,
            Channel = inputs.Layout.Channel,
            BlockSize = inputs.Layout.BlockSize,
            Chaincode = inputs.Layout.Chaincode,
            Gateways = inputs.Gateways,
            Peers = inputs.Layout.Orgs.Count,
            Orderers = inputs.Layout.Orderers.Count,
            Machine = string.Create(CultureInfo.InvariantCulture, $"{cores} cores, {Environment.OSVersion.VersionString}, .NET {Environment.Version}, load average {LoadAverage()}"),
            Cores = cores,
            WarmupSeconds = options.Warmup.TotalSeconds,
            WindowSeconds = Math.Round(seconds, 3),
            CommittedPerSecond = Math.Round(committedPerSecond, 1),
            InvalidPerSecond = Math.Round(invalidPerSecond, 1),
            StartedPerSecond = Math.Round(startedPerSecond, 1),
            Transactions = TxStats.Account(inputs.Records),
            Measured = TxStats.Account(measured),
            Latency = TxStats.Latencies(measured),
            OrderedAt = inputs.WatchedOrderer ? "orderer Deliver (block out of orderer0)" : "first peer commit",
            TransactionsPerBlock = Math.Round(perBlock, 2),
            BlocksOrdered = inputs.Ordered.Blocks,
            Cpu = cpu,
            NetworkCpuMsPerCommittedTransaction = networkMs,
            MachineBusyCores = machineBusy is { } m ? Math.Round(m, 2) : null,
            Crypto = crypto,
            CryptoCeilingFraction = Math.Round(committedPerSecond / crypto.CeilingTransactionsPerSecond, 4),
            WhereTimeGoes = TxStats.WhereTimeGoes(measured, options.Workload == WorkloadKind.Query),
            Timeline = TxStats.Timeline(inputs.Records, inputs.Origin),
            Notes = notes,
        };
    }

    private static (List<ProcessCpuUse> Cpu, double? MachineBusy, double NetworkCores) Cpu(NetworkReportInputs inputs, int cores, double committedPerSecond)
    {
        LoadWindow w = inputs.Window;
        var cpu = new List<ProcessCpuUse>();
        double network = 0;
        if (w.CpuBefore is null || w.CpuAfter is null || w.CpuSeconds <= 0)
        {
            return (cpu, null, 0);
        }

        foreach ((string name, TimeSpan after) in w.CpuAfter)
        {
            double used = (after - w.CpuBefore.GetValueOrDefault(name)).TotalSeconds / w.CpuSeconds;
            int pid = name == ComponentCpu.BenchName ? Environment.ProcessId : inputs.Layout.Pids.GetValueOrDefault(name);
            double? msPerTx = committedPerSecond > 0 ? Math.Round(used * 1000 / committedPerSecond, 2) : null;
            if (name != ComponentCpu.BenchName)
            {
                network += used;
            }

            cpu.Add(new ProcessCpuUse(name, pid, Math.Round(used, 3), Math.Round(used * 100, 1), Math.Round(used * 100 / cores, 1), msPerTx));
        }

        cpu.Sort((a, b) => b.Cores.CompareTo(a.Cores));
        double? machine = w.MachineBefore is { } before && w.MachineAfter is { } after2 && after2.Total > before.Total
            ? (double)(after2.Busy - before.Busy) / (after2.Total - before.Total) * cores
            : null;
        return (cpu, machine, network);
    }

    private static void Notes(List<string> notes, NetworkReportInputs inputs, List<ProcessCpuUse> cpu, double? machineBusy, int cores, double perBlock)
    {
        string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        if (machineBusy is { } busy)
        {
            string top = string.Join(", ", cpu.Take(4).Select(p => Inv($"{p.Name} {p.Cores:0.00}")));
            double ours = cpu.Sum(p => p.Cores);
            notes.Add(busy >= 0.9 * cores
                ? Inv($"The machine's CPU was saturated ({busy:0.00} of {cores} cores busy): throughput is CPU-bound here. Biggest users (cores): {top}.")
                : Inv($"The machine was not saturated ({busy:0.00} of {cores} cores busy): the limit is latency (workers × round trip, block cutting), not CPU. Biggest users (cores): {top}."));
            if (busy - ours > 0.2)
            {
                notes.Add(Inv($"Processes outside the network and the bench used {busy - ours:0.00} cores during the window (shared machine)."));
            }
        }

        if (inputs.Options.Workload != WorkloadKind.Query && perBlock < 20 && inputs.Ordered.Blocks > 0)
        {
            notes.Add(Inv($"Blocks held {perBlock:0.0} transactions on average: the channel's BatchSize.MaxMessageCount (or BatchTimeout) cuts small blocks, so per-block costs (signing, delivery, validation set-up, CouchDB round trips) are paid often."));
        }

        if (inputs.Skipped > 0)
        {
            notes.Add(Inv($"{inputs.Skipped:N0} open-loop starts were skipped: {LoadGenerator.MaxInFlight:N0} transactions were in flight."));
        }

        notes.AddRange(inputs.WatchErrors.Select(e => $"block watcher: {e}"));
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
