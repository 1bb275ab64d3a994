namespace Fabricish.Peer.Channels;

/// <summary>What keeps one channel from committing, as /healthz and the channel list report it: the state database
/// being unreachable (commits paused) or the last block received being refused. A committed block clears both.
/// Deliver connection trouble is kept for the channel list only: orderers come and go, and the peer fails over.</summary>
internal sealed class ChannelHealth
{
    private volatile string? _stateDatabase;
    private volatile string? _refusedBlock;
    private volatile string? _deliver;

    /// <summary>Why commits are paused, naming CouchDB; null while the state database answers.</summary>
    public string? StateDatabaseProblem => _stateDatabase;

    /// <summary>Why the last block received was not applied; null once a block commits again.</summary>
    public string? BlockProblem => _refusedBlock;

    public string? DeliverProblem => _deliver;

    public bool IsHealthy => _stateDatabase is null && _refusedBlock is null;

    public void StateDatabaseUnavailable(string reason) => _stateDatabase = $"CouchDB state database unavailable, commits paused: {reason}";

    public void StateDatabaseAvailable() => _stateDatabase = null;

    public void BlockRefused(ulong number, string endpoint, string reason) => _refusedBlock = $"block {number} from orderer {endpoint} refused: {reason}";

    public void DeliverFailed(string endpoint, string reason) => _deliver = $"orderer {endpoint}: {reason}";

    public void BlockCommitted()
    {
        _refusedBlock = null;
        _deliver = null;
        _stateDatabase = null;
    }
}
