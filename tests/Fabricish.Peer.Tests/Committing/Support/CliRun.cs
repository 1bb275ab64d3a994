using System.CommandLine;
using Fabricish.Cli;

namespace Fabricish.Peer.Tests.Committing.Support;

/// <summary>Runs the fabricish CLI in-process, capturing what it prints.</summary>
internal static class CliRun
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static async Task<Outcome> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await CliRoot.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }
}
