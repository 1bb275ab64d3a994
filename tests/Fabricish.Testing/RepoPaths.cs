namespace Fabricish.Testing;

/// <summary>Where the repository and its installed tools are, for tests that run real programs.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root: <c>FABRICISH_ROOT</c> (set by <c>./fabricish</c>) or the nearest
    /// folder above the test assembly (or the working directory) that holds <c>Fabricish.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Tools installed on first use by <c>./fabricish deps</c>.</summary>
    public static string Deps => Path.Combine(Root, ".deps");

    public static string NodeModules => Path.Combine(Deps, "node", "node_modules");

    /// <summary>fabric-network 2.2 and its fabric-common (<c>./fabricish deps</c>, tools/node/legacy).</summary>
    public static string LegacyNodeModules => Path.Combine(Deps, "node-legacy", "node_modules");

    private static string FindRoot()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("FABRICISH_ROOT");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "Fabricish.sln")))
        {
            return fromEnv;
        }

        // Binaries may live outside the tree (--artifacts-path), so the working directory is a second guess.
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Fabricish.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            "Cannot find the Fabricish repository root (no Fabricish.sln above the test binaries); set FABRICISH_ROOT.");
    }
}
