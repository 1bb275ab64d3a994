using System.Diagnostics;
using Fabricish.Testing;

namespace Fabricish.Network.Tests.Compose;

/// <summary>docker-compose as tools/network/install-compose.sh provides it (the v2 plugin when the machine has one,
/// else Debian's package unpacked into .deps/compose), run without a container engine: <c>config</c> only parses,
/// interpolates and validates.</summary>
public static class DockerCompose
{
    public static string ComposeDir => Path.Combine(RepoPaths.Root, "compose");

    private static readonly Lazy<string[]> Command = new(Install);

    /// <summary>Runs docker-compose with <paramref name="args"/> in <paramref name="projectDir"/>; exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string projectDir, params string[] args)
    {
        string[] command = Command.Value;
        var psi = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = projectDir,
        };
        foreach (string a in command.Skip(1).Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        using Process process = Process.Start(psi) ?? throw new InvalidOperationException("could not start docker-compose");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string[] Install()
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tools", "network", "install-compose.sh"));
        using Process process = Process.Start(psi) ?? throw new InvalidOperationException("could not run install-compose.sh");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tools/network/install-compose.sh failed: {stderr.Result}");
        }

        return stdout.Trim().Split('\n')[^1].Split(' ');
    }
}
