using System.Diagnostics;
using System.Text;
using Fabricish.Testing;

namespace Fabricish.Network.Tests.Up;

/// <summary>Runs the repository's <c>./fabricish</c> script as a user would, with a time limit.</summary>
public static class FabricishScript
{
    public static string Path => System.IO.Path.Combine(RepoPaths.Root, "fabricish");

    public static async Task<ScriptResult> RunAsync(TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        psi.ArgumentList.Add(Path);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // The test host's MSBuild settings would steer the script's own dotnet builds into the test's build; and a
        // developer's Fabric environment would override the connection profiles the script passes.
        foreach (string key in psi.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("CORE_PEER_", StringComparison.Ordinal) || key == "FABRICISH_CONNECTION_PROFILE")
            {
                psi.Environment.Remove(key);
            }
        }

        psi.Environment["FABRICISH_ROOT"] = RepoPaths.Root;
        string command = "./fabricish " + string.Join(' ', args);
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
            throw new TimeoutException($"{command} did not finish within {timeout.TotalSeconds:0} s:\n{Text(output)}");
        }

        // The parameterless wait drains the redirected streams.
        await process.WaitForExitAsync();
        return new ScriptResult(command, process.ExitCode, Text(output));
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
