using System.Globalization;
using Fabricish.Testing.Infra;

namespace Fabricish.Peer.Tests.Committing.Support;

/// <summary>pouchdb-server keeping its databases on disk, stoppable and restartable on the same port and folder, so a
/// peer sees its CouchDB go away and come back with its data.</summary>
internal sealed class RestartablePouchDb : IAsyncDisposable
{
    private readonly ScratchDirectory _scratch = new("peer-pouchdb");
    private SupervisedProcess? _process;

    public RestartablePouchDb()
    {
        Port = FreePorts.Take();
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public async Task StartAsync()
    {
        var args = new List<string>
        {
            InfraPaths.PouchDbServerScript,
            "--host", "127.0.0.1",
            "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--dir", _scratch.Sub("data"),
            "--config", Path.Combine(_scratch.FullPath, "config.json"),
        };
        _process = SupervisedProcess.Start("pouchdb-server", Path.Combine(_scratch.FullPath, "pouchdb-server.log"), "node", args, _scratch.FullPath);
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                if ((await http.GetStringAsync(new Uri("/", UriKind.Relative))).Contains("Welcome", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.False(_process.HasExited || cts.IsCancellationRequested, $"pouchdb-server did not answer on {BaseAddress}: {_process.LogTail()}");
            await Task.Delay(200);
        }
    }

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(5));
            _process.Dispose();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _scratch.Dispose();
    }
}
