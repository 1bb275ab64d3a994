using System.Globalization;
using System.Security.Cryptography;
using Fabricish.Ledger.State.CouchDb;

namespace Fabricish.Testing.Infra;

/// <summary>pouchdb-server 4.2.0 on a free loopback port: CouchDB's HTTP API (_bulk_docs, _all_docs, _find,
/// _index) for state-database tests. As in <c>./fabricish up</c> it runs behind tools/infra/pouchdb-server-auth.js
/// with a random admin, so every request needs <see cref="Username"/> and <see cref="Password"/> (use
/// <see cref="CreateClient"/>). Differs from couchdb:3 in that ETag is not the revision, If-Match is ignored and
/// attachments never come back as multipart. Stoppable and restartable on the same port and data.</summary>
public sealed class PouchDbServer : IAsyncDisposable
{
    private readonly ScratchDirectory _scratch;
    private readonly List<string> _arguments;
    private SupervisedProcess? _process;

    private PouchDbServer(int port, ScratchDirectory scratch, List<string> arguments, string password)
    {
        Port = port;
        _scratch = scratch;
        _arguments = arguments;
        Password = password;
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
    }

    public int Port { get; }

    /// <summary>The server root, ending in '/', e.g. <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The server admin (couchdb:3's COUCHDB_USER).</summary>
    public string Username => "admin";

    public string Password { get; }

    /// <summary>A peer's settings for this server (Peer:CouchDbAddress, CouchDbUsername, CouchDbPassword).</summary>
    public IReadOnlyDictionary<string, string> PeerSettings => new Dictionary<string, string>
    {
        ["Peer:CouchDbAddress"] = BaseAddress.ToString(),
        ["Peer:CouchDbUsername"] = Username,
        ["Peer:CouchDbPassword"] = Password,
    };

    /// <summary><see cref="PeerSettings"/> as environment variables of a peer process (FABRICISH_Peer__...).</summary>
    public IReadOnlyDictionary<string, string> PeerEnvironment =>
        PeerSettings.ToDictionary(s => "FABRICISH_" + s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    /// <summary>Starts the server; <paramref name="inMemory"/> keeps databases in memory (the fast default),
    /// otherwise they are LevelDB folders in a scratch directory that outlive <see cref="StopAsync"/>.</summary>
    public static async Task<PouchDbServer> StartAsync(bool inMemory = true)
    {
        var scratch = new ScratchDirectory("pouchdb");
        int port = FreePorts.Take();
        string password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        string credentials = Path.Combine(scratch.FullPath, "credentials");
        File.WriteAllText(credentials, $"COUCHDB_USER=admin\nCOUCHDB_PASSWORD={password}\n");
        var args = new List<string>
        {
            InfraPaths.PouchDbAuthLauncher,
            InfraPaths.PouchDbServerScript,
            "--credentials", credentials,
            "--host", "127.0.0.1",
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--dir", scratch.Sub("data"),
            "--config", Path.Combine(scratch.FullPath, "config.json"),
        };
        if (inMemory)
        {
            args.Add("--in-memory");
        }

        var server = new PouchDbServer(port, scratch, args, password);
        try
        {
            await server.RestartAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Starts the stopped server again on the same port, data and admin.</summary>
    public async Task RestartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("pouchdb-server is running");
        }

        // The server also writes log.txt into its working directory: keep that in the scratch folder.
        _process = SupervisedProcess.Start("pouchdb-server", Path.Combine(_scratch.FullPath, "pouchdb-server.log"), "node", _arguments, _scratch.FullPath);
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Readiness.WaitAsync(
            "pouchdb-server to answer GET /",
            async () => (await http.GetStringAsync(new Uri("/", UriKind.Relative))).Contains("Welcome", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            _process);
    }

    /// <summary>A client with the admin's credentials whose relative URIs are resolved against the server root.</summary>
    public HttpClient CreateClient(HttpMessageHandler? handler = null) =>
        CouchDbConnection.CreateHttpClient(BaseAddress, Username, Password, handler, TimeSpan.FromSeconds(30));

    /// <summary>A client without credentials, as any other local process would be.</summary>
    public HttpClient CreateAnonymousClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

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
