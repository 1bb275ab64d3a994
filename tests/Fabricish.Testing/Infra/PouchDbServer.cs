using System.Globalization;

namespace Fabricish.Testing.Infra;

/// <summary>pouchdb-server 4.2.0 on a free loopback port: CouchDB's HTTP API (_bulk_docs, _all_docs, _find,
/// _index) for state-database tests. Differs from couchdb:3 in that ETag is not the revision, If-Match is
/// ignored and attachments never come back as multipart.</summary>
public sealed class PouchDbServer : IAsyncDisposable
{
    private readonly ScratchDirectory scratch;
    private readonly SupervisedProcess process;

    private PouchDbServer(int port, ScratchDirectory scratch, SupervisedProcess process)
    {
        Port = port;
        this.scratch = scratch;
        this.process = process;
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
    }

    public int Port { get; }

    /// <summary>The server root, ending in '/', e.g. <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts the server; <paramref name="inMemory"/> keeps databases in memory (the fast default),
    /// otherwise they are LevelDB folders in a scratch directory.</summary>
    public static async Task<PouchDbServer> StartAsync(bool inMemory = true)
    {
        var scratch = new ScratchDirectory("pouchdb");
        int port = FreePorts.Take();
        var args = new List<string>
        {
            InfraPaths.PouchDbServerScript,
            "--host", "127.0.0.1",
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--dir", scratch.Sub("data"),
            "--config", Path.Combine(scratch.FullPath, "config.json"),
        };
        if (inMemory)
        {
            args.Add("--in-memory");
        }

        // The server also writes log.txt into its working directory: keep that in the scratch folder.
        var process = SupervisedProcess.Start("pouchdb-server", Path.Combine(scratch.FullPath, "pouchdb-server.log"), "node", args, scratch.FullPath);
        var server = new PouchDbServer(port, scratch, process);
        try
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            await Readiness.WaitAsync(
                "pouchdb-server to answer GET /",
                async () => (await http.GetStringAsync(new Uri("/", UriKind.Relative))).Contains("Welcome", StringComparison.Ordinal),
                TimeSpan.FromSeconds(60),
                process);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>A client whose relative URIs are resolved against the server root.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await process.StopAsync(TimeSpan.FromSeconds(5));
        process.Dispose();
        scratch.Dispose();
    }
}
