using Fabricish.Testing.Infra;

namespace Fabricish.E2E.Tests.Network;

/// <summary>One of the project's programs (orderer, peer, chaincode) run with <c>dotnet</c> from the test output
/// folder through <see cref="SupervisedProcess"/>, so it dies with the test process however that ends.</summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly SupervisedProcess _process;

    private NodeProcess(SupervisedProcess process) => _process = process;

    public string Name => _process.Name;

    public static NodeProcess Start(string name, string directory, string assembly, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        Directory.CreateDirectory(directory);
        var env = new Dictionary<string, string>(environment)
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_GCgen0size"] = "0x2000000",
            ["DOTNET_TieredPGO"] = "0",
        };
        env.TryAdd("Logging__LogLevel__Default", "Warning");
        string dll = Path.Combine(AppContext.BaseDirectory, assembly);
        SupervisedProcess process = SupervisedProcess.Start(name, Path.Combine(directory, name + ".log"), "dotnet", [dll, .. args], directory, env);
        return new NodeProcess(process);
    }

    /// <summary>Polls <paramref name="isReady"/> until it holds; fails with the node's log if it exits or times out.</summary>
    public async Task WaitUntilAsync(string what, Func<Task<bool>> isReady, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        string? lastError = null;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited while waiting for {what}:\n{_process.LogTail()}");
            }

            try
            {
                if (await isReady())
                {
                    return;
                }
            }
            catch (HttpRequestException e)
            {
                lastError = e.Message;
            }
            catch (TaskCanceledException e)
            {
                lastError = e.Message;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what} ({lastError}); {Name} log:\n{_process.LogTail()}");
            }

            await Task.Delay(200);
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: a crash, with no chance to close connections gracefully.</summary>
    public void Kill() => _process.Kill();

    public string LogTail() => _process.LogTail();

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}
