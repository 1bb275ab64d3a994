using Fabricish.Network.Tests.Up;
using Fabricish.Testing;

namespace Fabricish.Network.Tests.Readme;

/// <summary>One fresh copy of the tree for the README tests, and what they do in it: run README blocks as written,
/// stop the network with <c>./fabricish down --clean</c> and check that nothing of it still runs.</summary>
public sealed class ReadmeTree : IAsyncLifetime
{
    private static readonly TimeSpan DownTimeout = TimeSpan.FromMinutes(3);

    private TreeCopy? _copy;

    public string Root => _copy?.Root ?? throw new InvalidOperationException("the tree is not copied yet");

    /// <summary>Ports <c>./fabricish up</c> listens on without <c>--base-port</c>, by component.</summary>
    public IReadOnlyDictionary<string, int> Ports { get; private set; } = new Dictionary<string, int>();

    public IReadOnlyList<ReadmeBlock> Blocks(params string[] sections) =>
        ReadmeBlocks.Extract(File.ReadAllText(Path.Combine(Root, "README.md")), sections);

    public async Task InitializeAsync()
    {
        _copy = await TreeCopy.CreateAsync(RepoPaths.Root);
        Ports = DefaultPorts.Read(Root);
    }

    /// <summary>Fails, naming them, when the default ports are taken: the README's commands use those ports, and the
    /// test must not move to others (CI's machine has them free).</summary>
    public void AssertDefaultPortsFree()
    {
        IReadOnlyList<string> busy = DefaultPorts.InUse(Ports);
        Assert.True(busy.Count == 0,
            $"the README's commands need the default ports, and something on this machine listens on: {string.Join(", ", busy)}. " +
            "Stop it (another ./fabricish up? ./fabricish down stops that) and run the test again.");
    }

    /// <summary>Runs one block as written: bash, exiting at the first failing command, in the copy's root.</summary>
    public async Task<ScriptResult> RunAsync(ReadmeBlock block, TimeSpan timeout, IReadOnlyDictionary<string, string> environment)
    {
        ScriptResult result = await ShellCommand.RunAsync(Root, ["-e", "-o", "pipefail", "-c", block.Script], block.ToString(), timeout, environment);
        if (block.ExpectFailure)
        {
            Assert.False(result.Succeeded, $"{block} is documented to fail, but every command succeeded:\n{block.Script}\n{Tail(result.Output)}");
        }
        else
        {
            Assert.True(result.Succeeded, $"{block} exited {result.ExitCode}:\n{block.Script}\n{Tail(result.Output)}");
        }

        return result;
    }

    /// <summary><c>./fabricish down --clean</c>, then: no process of the copy runs and the default ports are free.
    /// Whatever is left is killed before the assertion fails, so a failure does not hold the ports.</summary>
    public async Task DownCleanAndAssertNothingRunsAsync()
    {
        ScriptResult down = await ShellCommand.RunAsync(Root, [Path.Combine(Root, "fabricish"), "down", "--clean"], "./fabricish down --clean", DownTimeout);
        IReadOnlyList<(int Pid, string CommandLine)> left = TreeProcesses.Find(Root);
        TreeProcesses.Kill(left);
        Assert.True(down.Succeeded, down.ToString());
        Assert.True(left.Count == 0, "processes still running after ./fabricish down --clean:\n" + string.Join('\n', left.Select(p => $"{p.Pid} {p.CommandLine}")));
        Assert.Empty(DefaultPorts.InUse(Ports));
    }

    public Task DisposeAsync()
    {
        if (_copy is not null)
        {
            TreeProcesses.Kill(TreeProcesses.Find(_copy.Root));
            _copy.Dispose();
        }

        return Task.CompletedTask;
    }

    private static string Tail(string output) => output.Length <= 6000 ? output : "...\n" + output[^6000..];
}
