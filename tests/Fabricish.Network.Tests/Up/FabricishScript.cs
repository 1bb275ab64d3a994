using Fabricish.Testing;

namespace Fabricish.Network.Tests.Up;

/// <summary>Runs the repository's <c>./fabricish</c> script as a user would, with a time limit.</summary>
public static class FabricishScript
{
    public static string Path => System.IO.Path.Combine(RepoPaths.Root, "fabricish");

    public static Task<ScriptResult> RunAsync(TimeSpan timeout, params string[] args) =>
        ShellCommand.RunAsync(RepoPaths.Root, [Path, .. args], "./fabricish " + string.Join(' ', args), timeout);
}
