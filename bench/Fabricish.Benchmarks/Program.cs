using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Fabricish.Benchmarks.Endorsing;
using Fabricish.Benchmarks.Harness;
using Fabricish.Testing;

namespace Fabricish.Benchmarks;

/// <summary>Modes: <c>network</c> (the default) drives the whole network; <c>micro</c> runs the BenchmarkDotNet suite;
/// <c>orderer</c>, <c>endorsing</c> and <c>committer</c> measure one component each.</summary>
public static class Program
{
    private const string Usage = """
        Usage: Fabricish.Benchmarks [network] [--help | options]   (the whole network through its gateways)
               Fabricish.Benchmarks micro [BenchmarkDotNet args, e.g. --filter *Signature*]
               Fabricish.Benchmarks orderer [--help | options]
               Fabricish.Benchmarks endorsing [options]
               Fabricish.Benchmarks committer [--help | options]
               Fabricish.Benchmarks chaos [--help | options]   (./fabricish chaos: the fault suite)
        """;

    public static async Task<int> Main(string[] args)
    {
        // The component benches sign their workloads in this process; remembered signatures would let the component
        // skip checks a peer committing other peers' transactions makes. The network bench's peers are other processes.
        Fabricish.Channels.Crypto.SignatureMemory.Enabled = false;

        // No mode, or options straight away: the whole-network bench, ./fabricish bench's default.
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            args = ["network", .. args];
        }

        string mode = args[0];
        string[] rest = args[1..];
        switch (mode)
        {
            case "network":
                if (rest is ["--help"] or ["-h"])
                {
                    Console.WriteLine(Network.NetworkBenchOptions.Usage);
                    return 0;
                }

                string? capNotice = null;
                Network.NetworkBenchOptions? networkOptions = Network.NetworkBenchOptions.Parse(rest, out string? networkError)
                    ?.CappedBy(Environment.GetEnvironmentVariable(Network.NetworkBenchOptions.MaxSecondsVariable), out capNotice, out networkError);
                if (networkOptions is null)
                {
                    await Console.Error.WriteLineAsync($"{networkError}\n{Network.NetworkBenchOptions.Usage}").ConfigureAwait(false);
                    return 2;
                }

                if (capNotice is not null)
                {
                    await Console.Error.WriteLineAsync(capNotice).ConfigureAwait(false);
                }

                return await Network.NetworkBench.RunAsync(networkOptions).ConfigureAwait(false);
            case "micro":
                return RunMicro(rest);
            case "orderer":
                if (rest is ["--help"] or ["-h"])
                {
                    Console.WriteLine(HarnessOptions.Usage);
                    return 0;
                }

                HarnessOptions? options = HarnessOptions.Parse(rest, out string? error);
                if (options is null)
                {
                    await Console.Error.WriteLineAsync($"{error}\n{HarnessOptions.Usage}").ConfigureAwait(false);
                    return 2;
                }

                return await OrdererHarness.RunAsync(options).ConfigureAwait(false);
            case "committer":
                if (rest is ["--help"] or ["-h"])
                {
                    Console.WriteLine(Committing.CommitterBenchOptions.Usage);
                    return 0;
                }

                Committing.CommitterBenchOptions? committerOptions = Committing.CommitterBenchOptions.Parse(rest, out string? committerError);
                if (committerOptions is null)
                {
                    await Console.Error.WriteLineAsync($"{committerError}\n{Committing.CommitterBenchOptions.Usage}").ConfigureAwait(false);
                    return 2;
                }

                return await Committing.CommitterBench.RunAsync(committerOptions).ConfigureAwait(false);
            case "chaos":
                if (rest is ["--help"] or ["-h"])
                {
                    Console.WriteLine(Chaos.ChaosOptions.Usage);
                    return 0;
                }

                Chaos.ChaosOptions? chaosOptions = Chaos.ChaosOptions.Parse(rest, out string? chaosError);
                if (chaosOptions is null)
                {
                    await Console.Error.WriteLineAsync($"{chaosError}\n{Chaos.ChaosOptions.Usage}").ConfigureAwait(false);
                    return 2;
                }

                return await Chaos.ChaosCommand.RunAsync(chaosOptions).ConfigureAwait(false);
            case "endorsing":
                EndorsingBenchOptions? endorsing = EndorsingBenchOptions.Parse(rest, out string? endorsingError);
                if (endorsing is null)
                {
                    await Console.Error.WriteLineAsync($"{endorsingError}\n{EndorsingBenchOptions.Usage}").ConfigureAwait(false);
                    return 2;
                }

                return await EndorsingBench.RunAsync(endorsing).ConfigureAwait(false);
            default:
                await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
                return 2;
        }
    }

    /// <summary>
    /// In-process toolchain: BenchmarkDotNet's default would generate and build a project of its own, outside the
    /// artifacts path the build was given. ShortRun unless a --job is passed, since the machine is shared.
    /// </summary>
    private static int RunMicro(string[] args)
    {
        bool jobGiven = args.Any(a => a is "--job" or "-j");
        Job job = (jobGiven ? Job.Default : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
        IConfig config = DefaultConfig.Instance
            .AddJob(job)
            .AddColumn(StatisticColumn.OperationsPerSecond)
            .WithArtifactsPath(Path.Combine(RepoPaths.Root, ".run", "bench", "micro"))
            .WithOptions(ConfigOptions.JoinSummary);
        string[] withFilter = args.Any(a => a is "--filter" or "-f") ? args : [.. args, "--filter", "*"];
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(withFilter, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
