namespace Fabricish.Network.Tests.Up;

/// <summary>How a <c>./fabricish</c> command ended: its exit code and everything it printed, stdout and stderr
/// interleaved as they came.</summary>
public sealed record ScriptResult(string Command, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"{Command} exited {ExitCode}:\n{Output}";
}
