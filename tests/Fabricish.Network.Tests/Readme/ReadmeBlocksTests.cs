using Fabricish.Testing;

namespace Fabricish.Network.Tests.Readme;

/// <summary>How the README test takes blocks out of README.md: the right sections, in order, verbatim, with the
/// failure marker honoured, and loudly when a section it needs is gone.</summary>
public sealed class ReadmeBlocksTests
{
    private const string Sample = """
        # Title

        ## Set up

        ```sh
        ./one   # first
        ./two \
            --flag
        ```

        Text.

        ```json
        {"not": "shell"}
        ```

        ## Other

        ```sh
        ./not-taken
        ```

        ## Use

        <!-- readme-test: exits non-zero -->
        ```sh
        ./fails
        ```

        ```text
        ```sh
        ./quoted-in-another-block
        ```

        ```sh
        ./three
        ```
        """;

    [Fact]
    public void Takes_the_shell_blocks_of_the_named_sections_in_document_order_verbatim()
    {
        IReadOnlyList<ReadmeBlock> blocks = ReadmeBlocks.Extract(Sample, ["Use", "Set up"]);

        Assert.Equal(["./one   # first\n./two \\\n    --flag\n", "./fails\n", "./three\n"], blocks.Select(b => b.Script));
        Assert.Equal(["Set up", "Use", "Use"], blocks.Select(b => b.Section));
        Assert.Equal(5, blocks[0].Line);
    }

    [Fact]
    public void A_block_after_the_marker_line_is_expected_to_fail_and_only_that_one()
    {
        IReadOnlyList<ReadmeBlock> blocks = ReadmeBlocks.Extract(Sample, ["Set up", "Use"]);

        Assert.Equal([false, true, false], blocks.Select(b => b.ExpectFailure));
    }

    [Fact]
    public void A_missing_section_or_one_without_a_shell_block_is_an_error_naming_it()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => ReadmeBlocks.Extract(Sample, ["Set up", "Run the sample network"]));
        Assert.Contains("no section '## Run the sample network'", missing.Message, StringComparison.Ordinal);

        var empty = Assert.Throws<InvalidOperationException>(() => ReadmeBlocks.Extract("## Set up\n\nNo commands.\n", ["Set up"]));
        Assert.Contains("'## Set up' has no ```sh block", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_block_is_an_error_naming_its_line()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ReadmeBlocks.Extract("## Set up\n\n```sh\n./up\n", ["Set up"]));

        Assert.Contains("line 3 is never closed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_readme_has_the_blocks_the_readme_test_runs()
    {
        string readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

        IReadOnlyList<ReadmeBlock> usage = ReadmeBlocks.Extract(readme, ReadmeAsWrittenTests.UsageSections);
        ReadmeBlock bench = Assert.Single(ReadmeBlocks.Extract(readme, [ReadmeAsWrittenTests.PerformanceSection]));

        Assert.StartsWith("./fabricish up", usage[0].Script, StringComparison.Ordinal);
        Assert.Contains("./fabricish test", usage[0].Script, StringComparison.Ordinal);
        Assert.Contains(usage, b => b.ExpectFailure);
        Assert.Contains(usage, b => b.Script.Contains("./fabricish demo certificates", StringComparison.Ordinal));
        Assert.Contains("./fabricish down", usage[^1].Script, StringComparison.Ordinal);
        Assert.Contains("./fabricish bench --up", bench.Script, StringComparison.Ordinal);
        ReadmeBlock state = Assert.Single(ReadmeBlocks.Extract(readme, [ReadmeAsWrittenTests.StateDatabasesSection]));
        Assert.StartsWith("./fabricish up --state-db embedded", state.Script, StringComparison.Ordinal);
        Assert.DoesNotContain("--base-port", state.Script, StringComparison.Ordinal);
    }
}
