using Fabricish.Channels.Config;
using Fabricish.Ledger;
using Fabricish.Ledger.History;
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

    /// <summary>Blocks committed in full (block store, state and savepoint). Events and commit statuses report
    /// nothing above it, so a client that hears of a block can read its state through the endorser.</summary>
    ulong CommittedHeight => Blocks.Height;

    /// <summary>Committed blocks from <paramref name="start"/> on, each once it is committed in full, then waiting for
    /// new ones (Deliver's BLOCK_UNTIL_READY); ends when the ledger is closed.</summary>
    IAsyncEnumerable<Protos.Common.Block> ReadCommittedFrom(ulong start, CancellationToken cancellationToken) => Blocks.ReadFrom(start, cancellationToken);

    /// <summary>The lock the channel's committer writes under and its simulations read under; null when nothing
    /// commits this ledger in the process.</summary>
    StateCommitLock? CommitLock => null;
}
