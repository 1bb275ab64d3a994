using System.Diagnostics;

namespace Fabricish.Testing;

/// <summary>Runs a Node.js script with the project's Node packages (<c>.deps/node</c>, or another folder such as
/// <see cref="RepoPaths.LegacyNodeModules"/>) on its module path.</summary>
public static class NodeScript
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs <c>node script args...</c>, writing <paramref name="stdin"/> to it; fails the test if Node's
    /// packages are not installed (run <c>./fabricish deps</c>) or the script does not finish in time.</summary>
    public static async Task<Result> RunAsync(string scriptPath, IEnumerable<string> args, byte[]? stdin = null, TimeSpan? timeout = null, string? nodeModules = null)
    {
        nodeModules ??= RepoPaths.NodeModules;
        if (!Directory.Exists(nodeModules))
        {
            throw new InvalidOperationException($"Node packages are missing at {nodeModules}: run ./fabricish deps");
        }

        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(scriptPath);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["NODE_PATH"] = nodeModules;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {scriptPath} did not finish in time");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
