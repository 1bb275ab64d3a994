using Fabricish.Network.Tests.Up;

namespace Fabricish.Network.Tests.Readme;

/// <summary>The README is executable: its set-up, usage and state database blocks, and its bench commands, run verbatim — taken from
/// README.md at test time — in a fresh copy of the tree on the default ports, as a new user runs them; afterwards
/// <c>./fabricish down --clean</c> leaves no process.</summary>
public sealed class ReadmeAsWrittenTests(ReadmeTree tree) : IClassFixture<ReadmeTree>
{
    public static readonly string[] UsageSections = ["Set up", "Run the sample network", "Use the network", "Consortium contracts: oracle attestations and legal prose", "Operations"];

    public const string PerformanceSection = "Performance: what limits throughput today";

    public const string StateDatabasesSection = "State databases: CouchDB or embedded";

    /// <summary>The nested <c>./fabricish test</c> of "Set up" runs these (the README parser's own tests, on the copy's
    /// README): the whole suite inside the suite would double CI's time.</summary>
    public const string NestedTestFilter = "FullyQualifiedName~Fabricish.Network.Tests.Readme.ReadmeBlocksTests";

    /// <summary>Building the whole solution in the copy (the nested <c>./fabricish test</c>) beside the rest of the suite.</summary>
    private static readonly TimeSpan SetUpTimeout = TimeSpan.FromMinutes(25);

    private static readonly TimeSpan BlockTimeout = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan BenchTimeout = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Set_up_run_and_use_blocks_run_as_written_in_order_on_the_default_ports_and_down_clean_leaves_no_process()
    {
        IReadOnlyList<ReadmeBlock> blocks = tree.Blocks(UsageSections);
        tree.AssertDefaultPortsFree();
        var environment = new Dictionary<string, string> { ["FABRICISH_TEST_FILTER"] = NestedTestFilter };
        try
        {
            foreach (ReadmeBlock block in blocks)
            {
                ScriptResult result = await tree.RunAsync(block, block.Section == "Set up" ? SetUpTimeout : BlockTimeout, environment);
                if (block.Section == "Set up")
                {
                    Assert.Contains("validation code: VALID", result.Output, StringComparison.Ordinal);
                    Assert.Matches(@"tests: [1-9][0-9]* passed, 0 failed", result.Output);
                }
            }
        }
        finally
        {
            await tree.DownCleanAndAssertNothingRunsAsync();
        }
    }

    [Fact]
    public async Task State_database_blocks_run_as_written_with_the_bench_window_shortened_and_down_clean_leaves_no_process()
    {
        IReadOnlyList<ReadmeBlock> blocks = tree.Blocks(StateDatabasesSection);
        tree.AssertDefaultPortsFree();
        var environment = new Dictionary<string, string> { ["FABRICISH_BENCH_MAX_SECONDS"] = "4" };
        try
        {
            foreach (ReadmeBlock block in blocks)
            {
                ScriptResult result = await tree.RunAsync(block, BenchTimeout, environment);
                Assert.Contains("state embedded", result.Output, StringComparison.Ordinal);
            }
        }
        finally
        {
            await tree.DownCleanAndAssertNothingRunsAsync();
        }
    }

    [Fact]
    public async Task Bench_commands_run_as_written_with_their_window_shortened_by_the_environment_and_down_clean_leaves_no_process()
    {
        ReadmeBlock bench = Assert.Single(tree.Blocks(PerformanceSection));
        Assert.Contains("./fabricish bench --up", bench.Script, StringComparison.Ordinal);
        tree.AssertDefaultPortsFree();
        var environment = new Dictionary<string, string> { ["FABRICISH_BENCH_MAX_SECONDS"] = "4" };
        try
        {
            ScriptResult result = await tree.RunAsync(bench, BenchTimeout, environment);
            Assert.Contains("bench: starting the network", result.Output, StringComparison.Ordinal);
            Assert.Contains("FABRICISH_BENCH_MAX_SECONDS=4 shortens the measured window to 4 s", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            await tree.DownCleanAndAssertNothingRunsAsync();
        }
    }
}
