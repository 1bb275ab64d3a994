using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Fabricish.Testing.Infra;

/// <summary>A server run through <c>tools/infra/supervise.sh</c>: its output goes to a log file, and it dies with
/// the test process even when that is killed, because the script watches a pipe only this process holds.</summary>
public sealed class SupervisedProcess : IDisposable
{
    private static readonly ConcurrentDictionary<SupervisedProcess, byte> Running = new();

    private readonly Process _process;

    static SupervisedProcess()
    {
        // Normal exits without fixture disposal (a crashed fixture, Environment.Exit) still stop servers at once
        // rather than after the script notices the closed pipe.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (SupervisedProcess p in Running.Keys)
            {
                p.Kill();
            }
        };
    }

    private SupervisedProcess(string name, string logPath, Process process)
    {
        Name = name;
        LogPath = logPath;
        _process = process;
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static SupervisedProcess Start(
        string name,
        string logPath,
        string program,
        IEnumerable<string> args,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(logPath)!,
        };
        psi.ArgumentList.Add(InfraPaths.Supervisor);
        psi.ArgumentList.Add(logPath);
        psi.ArgumentList.Add(program);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (KeyValuePair<string, string> kv in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[kv.Key] = kv.Value;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {name}");
        var supervised = new SupervisedProcess(name, logPath, process);
        Running[supervised] = 0;
        return supervised;
    }

    /// <summary>Asks the server to stop (SIGTERM: Kafka's controlled shutdown) and waits; kills it if it has
    /// not stopped within <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            Forget();
            return;
        }

        Signal("TERM");
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }

        Forget();
    }

    /// <summary>SIGKILL to the server: a crash, as a failure test wants it. The script reaps the server and exits;
    /// should it not, the whole tree is killed.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                Signal("USR1");
                if (!_process.WaitForExit(10_000))
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(10_000);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        Forget();
    }

    public string LogTail(int lines = 40)
    {
        try
        {
            string[] all = File.ReadAllLines(LogPath);
            return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
        }
        catch (IOException e)
        {
            return $"(no log: {e.Message})";
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private void Forget()
    {
        Running.TryRemove(this, out _);
        try
        {
            // Closing our end of the pipe is what the script watches for; after a stop it is a no-op.
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
        }
    }
}
