using Fabricish.Benchmarks.Chaos;

namespace Fabricish.Network.Tests.Chaos;

public sealed class ChaosOptionsTests
{
    [Fact]
    public void The_full_suite_runs_every_fault_and_the_short_one_a_crash_a_tamper_and_the_network_faults_with_shorter_holds()
    {
        ChaosOptions full = ChaosOptions.Parse([], out _)!;
        ChaosOptions quick = ChaosOptions.Parse(["--short"], out _)!;

        Assert.Equal(ChaosOptions.AllFaults, full.SelectedFaults);
        Assert.Equal(TimeSpan.FromSeconds(20), full.PartitionFor);
        Assert.Contains("partition", quick.SelectedFaults);
        Assert.Contains("latency", quick.SelectedFaults);
        Assert.True(quick.HoldFor < full.HoldFor);
    }

    [Fact]
    public void Faults_named_on_the_command_line_run_in_the_suites_order()
    {
        ChaosOptions options = ChaosOptions.Parse(["--faults", "partition,orderer"], out string? error)!;

        Assert.Null(error);
        Assert.Equal(["orderer", "partition"], options.SelectedFaults);
    }

    [Fact]
    public void An_unknown_fault_is_refused_naming_the_faults_there_are()
    {
        Assert.Null(ChaosOptions.Parse(["--faults", "meteor"], out string? error));
        Assert.Contains("no fault 'meteor'", error, StringComparison.Ordinal);
        Assert.Contains("kafka-leader", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("50:10", 50, 10)]
    [InlineData("100:0", 100, 0)]
    public void Latency_is_read_as_milliseconds_and_jitter(string value, int ms, int jitter)
    {
        ChaosOptions options = ChaosOptions.Parse(["--latency", value], out _)!;

        Assert.Equal((ms, jitter), (options.LatencyMs, options.JitterMs));
    }

    [Theory]
    [InlineData("--latency", "10:20")]
    [InlineData("--latency", "fifty")]
    [InlineData("--rate", "0")]
    [InlineData("--hold", "-3")]
    public void A_bad_value_is_refused_naming_the_option(string option, string value)
    {
        Assert.Null(ChaosOptions.Parse([option, value], out string? error));
        Assert.Contains(option, error, StringComparison.Ordinal);
    }
}
