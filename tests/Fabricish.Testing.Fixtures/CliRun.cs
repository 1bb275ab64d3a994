using System.CommandLine;
using Fabricish.Cli;
using Xunit;

namespace Fabricish.Testing.Fixtures;

/// <summary>Runs the <c>fabricish</c> CLI in-process, as an operator would type it, capturing what it prints.</summary>
public static class CliRun
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    public static async Task<Outcome> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await CliRoot.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the command and fails the test with everything it printed unless it exits 0.</summary>
    public static async Task<Outcome> SucceedAsync(params string[] args)
    {
        Outcome outcome = await RunAsync(args);
        Assert.True(outcome.ExitCode == 0, $"fabricish {string.Join(' ', args)}\n{outcome}");
        return outcome;
    }
}
