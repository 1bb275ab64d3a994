using Fabricish.Channels.Config;
using Fabricish.Committer.History;
using Fabricish.Ledger;
using Fabricish.Ledger.State;

namespace Fabricish.Peer.Channels;

/// <summary>
/// One channel as this peer holds it: its current configuration, block store, world state and history.
/// The committing side owns and updates it; the endorsing and event services only read it.
/// </summary>
public interface IPeerLedger
{
    string ChannelId { get; }

    /// <summary>The channel's configuration as of the last committed config block.</summary>
    ChannelConfig Config { get; }

    BlockStore Blocks { get; }

    IStateDatabase State { get; }

    IHistoryQueries History { get; }

    /// <summary>The lock the channel's committer writes under and its simulations read under; null when nothing
    /// commits this ledger in the process.</summary>
    StateCommitLock? CommitLock => null;
}
