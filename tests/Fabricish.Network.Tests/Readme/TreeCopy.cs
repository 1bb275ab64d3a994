using System.Diagnostics;

namespace Fabricish.Network.Tests.Readme;

/// <summary>A fresh copy of the repository's tree, as a new clone has it: the files git tracks, and those it would
/// track (not ignored), with their modes; no build output, no run folder. The installed tools (<c>.deps/</c>, which
/// the suite's own <c>./fabricish test</c> has just installed) are linked in rather than downloaded again.</summary>
public sealed class TreeCopy : IDisposable
{
    private static readonly string Parent = Path.Combine(Path.GetTempPath(), "fabricish-readme");

    private TreeCopy(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public static async Task<TreeCopy> CreateAsync(string source)
    {
        string root = Path.Combine(Parent, $"{Environment.ProcessId}-{Guid.NewGuid():N}", "fabricish");
        Directory.CreateDirectory(root);
        string listing = await GitAsync(source, "ls-files", "-z", "--cached", "--others", "--exclude-standard");
        foreach (string relative in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            string from = Path.Combine(source, relative);
            if (!File.Exists(from))
            {
                // Deleted in the working tree but not yet in the index: a clone of the change would not have it.
                continue;
            }

            string to = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(to, File.GetUnixFileMode(from)); // ./fabricish and tools' scripts are executable
            }
        }

        string deps = Path.Combine(source, ".deps");
        if (Directory.Exists(deps))
        {
            Directory.CreateSymbolicLink(Path.Combine(root, ".deps"), deps);
        }

        return new TreeCopy(root);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
        }
        catch (IOException)
        {
            // A process that was still writing; the folder is under the temp directory and named after this process.
        }
    }

    private static async Task<string> GitAsync(string repo, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = repo };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process git = Process.Start(psi)!;
        Task<string> stdout = git.StandardOutput.ReadToEndAsync();
        Task<string> stderr = git.StandardError.ReadToEndAsync();
        await git.WaitForExitAsync();
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} in {repo} exited {git.ExitCode}: {await stderr}");
        }

        return await stdout;
    }
}
