using System.Globalization;

namespace Fabricish.Network.Tests.Up;

/// <summary>The sample network started the way a user starts it: <c>./fabricish up --run-dir DIR --base-port auto</c>
/// (crypto, ZooKeeper and three Kafka brokers, two orderers, two peers with their own CouchDB-compatible servers, the
/// chaincode service, channel, deploy, sample invoke and query), stopped with <c>./fabricish down --clean</c>. Tests
/// and later clients (the Node fabric-gateway check, Caliper) use <see cref="Run"/>: connection profiles, identities,
/// addresses and pids.</summary>
public sealed class UpNetworkFixture : IAsyncLifetime
{
    /// <summary>Long enough for up to build the node programs first when sources changed since the last build.</summary>
    public static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan DownTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Building a sample and deploying it come first; the derivative waits for its observation and maturity dates.</summary>
    public static readonly TimeSpan DemoTimeout = TimeSpan.FromMinutes(15);

    private static readonly string Parent = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fabricish-network");

    private readonly string[] _upOptions;
    private readonly Dictionary<string, Task<string>> _demos = new(StringComparer.Ordinal);
    private IReadOnlyList<int> _pids = [];

    public UpNetworkFixture()
        : this([])
    {
    }

    /// <param name="upOptions">Further options of up (say <c>--state-db embedded</c>).</param>
    internal UpNetworkFixture(string[] upOptions)
    {
        _upOptions = upOptions;
        RunDir = System.IO.Path.Combine(Parent, string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}-{Guid.NewGuid():N}"));
    }

    public string RunDir { get; }

    /// <summary>What up printed.</summary>
    public ScriptResult Up { get; private set; } = null!;

    public RunFolder Run { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await StopAbandonedAsync();
        Up = await FabricishScript.RunAsync(UpTimeout, ["up", "--run-dir", RunDir, "--base-port", "auto", .. _upOptions]);
        // Whatever up started, even when it failed halfway, is recorded in its pid files for DisposeAsync to check.
        _pids = RecordedPids(RunDir);
        if (!Up.Succeeded)
        {
            string cleanup;
            try
            {
                await DisposeAsync();
                cleanup = "down --clean stopped everything";
            }
            catch (InvalidOperationException e)
            {
                cleanup = e.Message;
            }

            throw new InvalidOperationException($"{Up}\n({cleanup})");
        }

        Run = RunFolder.Load(RunDir);
    }

    /// <summary><c>./fabricish demo <paramref name="sample"/></c> on this network: deploys the sample through the
    /// lifecycle and runs its story, which exits non-zero when any step misbehaves. Fails the test unless every step
    /// behaved. Runs once per network: tests of the same story share its output.</summary>
    /// <returns>What the demo printed.</returns>
    public Task<string> RunDemoAsync(string sample)
    {
        // Several tests read one story's output: it runs once per network, as a second run would only repeat it.
        lock (_demos)
        {
            if (!_demos.TryGetValue(sample, out Task<string>? run))
            {
                run = RunDemoOnceAsync(sample);
                _demos[sample] = run;
            }

            return run;
        }
    }

    private async Task<string> RunDemoOnceAsync(string sample)
    {
        ScriptResult demo = await FabricishScript.RunAsync(DemoTimeout, "demo", sample, "--run-dir", RunDir);
        Assert.True(demo.Succeeded, demo.ToString());
        Assert.Contains($"demo {sample}: every step behaved.", demo.Output, StringComparison.Ordinal);
        return demo.Output;
    }

    /// <summary>Stops the network and checks that down left no process of it behind and removed its files.</summary>
    public async Task DisposeAsync()
    {
        // Components restarted by tests (./fabricish restart) run under new pids, which down must stop as well.
        _pids = [.. _pids.Union(RecordedPids(RunDir))];
        ScriptResult down = await FabricishScript.RunAsync(DownTimeout, "down", "--run-dir", RunDir, "--clean");
        if (!down.Succeeded)
        {
            throw new InvalidOperationException(down.ToString());
        }

        int[] alive = [.. _pids.Where(ProcessTable.IsRunning)];
        if (alive.Length > 0)
        {
            throw new InvalidOperationException($"./fabricish down left processes running: {string.Join(", ", alive)}\n{down.Output}");
        }

        if (Directory.Exists(RunDir))
        {
            throw new InvalidOperationException($"./fabricish down --clean left {RunDir} behind: {string.Join(", ", Directory.EnumerateFileSystemEntries(RunDir))}");
        }
    }

    /// <summary>Pids of the pid files: "PID STARTTIME" per component.</summary>
    public static IReadOnlyList<int> RecordedPids(string runDir) => [.. RecordedPidsByComponent(runDir).Values];

    /// <summary>The pid file of each component that has one, by component name (peer0.org1, kafka0, ...).</summary>
    public static Dictionary<string, int> RecordedPidsByComponent(string runDir)
    {
        string pids = System.IO.Path.Combine(runDir, "pids");
        if (!Directory.Exists(pids))
        {
            return [];
        }

        return Directory.EnumerateFiles(pids, "*.pid")
            .Select(f => (Name: System.IO.Path.GetFileNameWithoutExtension(f), Pid: File.ReadAllText(f).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()))
            .Where(p => p.Pid is not null)
            .ToDictionary(p => p.Name, p => int.Parse(p.Pid!, CultureInfo.InvariantCulture));
    }

    /// <summary>A test run that was killed never ran DisposeAsync: its network still runs. Stop those whose test
    /// process is gone, so ports and cores are free again.</summary>
    private static async Task StopAbandonedAsync()
    {
        if (!Directory.Exists(Parent))
        {
            return;
        }

        foreach (string dir in Directory.EnumerateDirectories(Parent))
        {
            string name = System.IO.Path.GetFileName(dir);
            int dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int owner) && !ProcessTable.IsRunning(owner))
            {
                await FabricishScript.RunAsync(DownTimeout, "down", "--run-dir", dir, "--clean");
            }
        }
    }
}
