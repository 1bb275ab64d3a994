namespace Fabricish.Peer.Channels;

internal enum JoinStatus
{
    Joined,

    /// <summary>The block is not a genesis block this peer can found a channel on.</summary>
    Invalid,

    AlreadyJoined,

    /// <summary>The state database could not be reached; nothing was kept, the join can be retried.</summary>
    StateDatabaseUnavailable,
}
