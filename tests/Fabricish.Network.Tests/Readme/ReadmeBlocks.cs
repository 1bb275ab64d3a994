namespace Fabricish.Network.Tests.Readme;

/// <summary>Takes the shell blocks out of README.md as written, so the README test runs whatever the README says today.</summary>
public static class ReadmeBlocks
{
    /// <summary>The marker, alone on the line before a fence, of a block the README documents as failing.</summary>
    public const string FailureMarker = "<!-- readme-test: exits non-zero -->";

    private const string ShellFence = "```sh";
    private const string Fence = "```";

    /// <summary>The <c>```sh</c> blocks of the <c>## </c> sections named, in the order they stand in the document.
    /// Every named section must exist and hold at least one block: a renamed heading must not silently test nothing.</summary>
    public static IReadOnlyList<ReadmeBlock> Extract(string markdown, IReadOnlyCollection<string> sections)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(sections);
        string[] lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<ReadmeBlock>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? section = null;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                section = line[3..].Trim();
                seen.Add(section);
                continue;
            }

            if (!line.TrimEnd().Equals(ShellFence, StringComparison.Ordinal))
            {
                if (line.StartsWith(Fence, StringComparison.Ordinal))
                {
                    // Another language's block: skip it whole, so a "```sh" line quoted inside it is not taken for a fence.
                    i = CloseOf(lines, i);
                }

                continue;
            }

            int close = CloseOf(lines, i);
            if (section is not null && sections.Contains(section))
            {
                bool marked = i > 0 && lines[i - 1].Trim().Equals(FailureMarker, StringComparison.Ordinal);
                string script = string.Join('\n', lines[(i + 1)..close]) + "\n";
                blocks.Add(new ReadmeBlock(section, i + 1, script, marked));
            }

            i = close;
        }

        foreach (string wanted in sections)
        {
            if (!seen.Contains(wanted))
            {
                throw new InvalidOperationException($"README.md has no section '## {wanted}'");
            }

            if (!blocks.Any(b => b.Section == wanted))
            {
                throw new InvalidOperationException($"README.md's section '## {wanted}' has no ```sh block");
            }
        }

        return blocks;
    }

    private static int CloseOf(string[] lines, int open)
    {
        for (int i = open + 1; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd().Equals(Fence, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"README.md: the code block opened on line {open + 1} is never closed");
    }
}
