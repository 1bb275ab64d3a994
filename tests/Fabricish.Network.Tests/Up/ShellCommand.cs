using System.Diagnostics;
using System.Text;

namespace Fabricish.Network.Tests.Up;

/// <summary>Runs bash in a repository tree as a user's terminal would, with a time limit: no standard input, and
/// none of the test host's settings that would change what the commands do.</summary>
public static class ShellCommand
{
    /// <param name="root">The tree the commands act on (<c>FABRICISH_ROOT</c>); also their working directory.</param>
    /// <param name="bashArgs">What bash runs: a script file and its arguments, or <c>-c</c> and a script.</param>
    /// <param name="display">How the command is named in results and errors.</param>
    /// <param name="environment">Variables to set on top of the cleaned environment.</param>
    public static async Task<ScriptResult> RunAsync(string root, IReadOnlyList<string> bashArgs, string display, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (string a in bashArgs)
        {
            psi.ArgumentList.Add(a);
        }

        // The test host's MSBuild settings would steer the script's own dotnet builds into the test's build; a
        // developer's Fabric environment would override the connection profiles the commands use; and the outer
        // ./fabricish's FABRICISH_* settings name the outer tree, not this one.
        foreach (string key in psi.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("CORE_PEER_", StringComparison.Ordinal) || key.StartsWith("FABRICISH_", StringComparison.Ordinal))
            {
                psi.Environment.Remove(key);
            }
        }

        psi.Environment["FABRICISH_ROOT"] = root;
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{display} did not finish within {timeout.TotalSeconds:0} s:\n{Text(output)}");
        }

        // The parameterless wait drains the redirected streams.
        await process.WaitForExitAsync();
        return new ScriptResult(display, process.ExitCode, Text(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
