namespace Fabricish.Infra.Tests.Layout;

/// <summary>
/// The README's dependency line: chains separated by <c>;</c>, each of groups separated by <c>←</c>, a group one
/// project or several in braces (<c>Protos ← Channels ← {Ledger, Hosting} ← Peer; Channels ← Client</c>). A project
/// may reference only projects left of it in a chain it appears in.
/// </summary>
internal sealed class DependencyLine
{
    private readonly Dictionary<string, HashSet<string>> _allowed = new(StringComparer.Ordinal);

    private DependencyLine(string text)
    {
        Text = text;
        foreach (string chain in text.TrimEnd('.').Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var left = new HashSet<string>(StringComparer.Ordinal);
            foreach (string group in chain.Split('←', StringSplitOptions.TrimEntries))
            {
                string[] projects = group.Trim('{', '}').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                foreach (string project in projects)
                {
                    if (!_allowed.TryGetValue(project, out HashSet<string>? allowed))
                    {
                        allowed = new HashSet<string>(StringComparer.Ordinal);
                        _allowed[project] = allowed;
                    }

                    allowed.UnionWith(left);
                }

                left.UnionWith(projects);
            }
        }
    }

    public string Text { get; }

    public IReadOnlyCollection<string> Projects => _allowed.Keys;

    /// <summary>The line after the README's "dependencies point one way" sentence.</summary>
    public static DependencyLine FromReadme(string readme)
    {
        string[] lines = readme.Split('\n');
        int intro = Array.FindIndex(lines, l => l.Contains("dependencies point one way", StringComparison.Ordinal));
        if (intro < 0)
        {
            throw new InvalidOperationException("The README no longer says which way dependencies point.");
        }

        string? line = lines.Skip(intro).FirstOrDefault(l => l.Contains('←', StringComparison.Ordinal));
        return line is null
            ? throw new InvalidOperationException("The README's dependency sentence has no line of projects joined by ←.")
            : Parse(line.Trim());
    }

    public static DependencyLine Parse(string text) => new(text);

    public bool Contains(string project) => _allowed.ContainsKey(project);

    public bool Allows(string project, string reference) =>
        _allowed.TryGetValue(project, out HashSet<string>? allowed) && allowed.Contains(reference);
}
