using Fabricish.Ledger.State;
using Fabricish.Ledger.State.CouchDb;
using Fabricish.Ledger.State.Embedded;
using Fabricish.Peer.Host;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Channels;

/// <summary>Creates a channel's world state in the database the peer runs on (<see cref="PeerOptions.StateDatabase"/>):
/// a database per channel and namespace in the peer's CouchDB, or an embedded store in the channel's ledger folder.
/// The one place that knows the kinds, so the channels need not.</summary>
internal sealed class StateDatabaseFactory : IDisposable
{
    private readonly PeerOptions _options;
    private readonly ILogger _logger;
    private HttpClient? _couchDb;

    public StateDatabaseFactory(PeerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger;
        Type = options.ParsedStateDatabase ?? throw new ArgumentException($"Peer:StateDatabase '{options.StateDatabase}' is not validated", nameof(options));
    }

    public StateDatabaseType Type { get; }

    /// <summary>What the channels' "opening" status names while they wait for the database.</summary>
    public string Name => Type == StateDatabaseType.CouchDB ? "CouchDB" : "embedded";

    /// <summary>Connects to CouchDB and checks the peer's credentials; nothing to do for the embedded store.</summary>
    /// <exception cref="CouchDbAuthenticationException">CouchDB refused the peer's credentials: the peer does not start,
    /// since waiting for them would look like a hang.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Type != StateDatabaseType.CouchDB)
        {
            return;
        }

        _couchDb = CouchDbConnection.CreateHttpClient(new Uri(_options.CouchDbAddress), _options.CouchDbUsername, _options.CouchDbPassword);
        string? unreachable;
        try
        {
            unreachable = await CouchDbConnection.VerifyServerAdminAsync(_couchDb, cancellationToken).ConfigureAwait(false);
        }
        catch (CouchDbAuthenticationException e)
        {
            throw new CouchDbAuthenticationException(
                $"{e.Message}; set Peer:CouchDbUsername and Peer:CouchDbPassword (FABRICISH_Peer__CouchDbUsername, FABRICISH_Peer__CouchDbPassword) " +
                $"to the credentials of an admin of the CouchDB at Peer:CouchDbAddress (user '{_options.CouchDbUsername}')", e);
        }

        if (unreachable is not null)
        {
            // An unreachable CouchDB is waited for (channels open once it answers), as after a restart of both.
            PeerLog.CouchDbNotReachableAtStart(_logger, unreachable);
        }
    }

    /// <summary>The state database of <paramref name="channelId"/>, whose ledger lives in
    /// <paramref name="channelDirectory"/>; the caller disposes it (<see cref="Release"/>).</summary>
    /// <exception cref="IOException">The embedded store cannot be opened (e.g. another process holds it).</exception>
    public IStateDatabase Create(string channelId, string channelDirectory) => Type switch
    {
        StateDatabaseType.Embedded => EmbeddedStateDatabase.Open(PeerOptions.EmbeddedStateDir(channelDirectory)),
        _ => new CouchDbStateDatabase(
            _couchDb ?? throw new InvalidOperationException("the peer is not started"), channelId, new CouchDbStateOptions { CacheSize = _options.CouchDbCacheSize, RevsLimit = _options.CouchDbRevsLimit }),
    };

    /// <summary>Closes a database <see cref="Create"/> made (the embedded store holds files and a lock).</summary>
    public static void Release(IStateDatabase? state) => (state as IDisposable)?.Dispose();

    public void Dispose() => _couchDb?.Dispose();
}
