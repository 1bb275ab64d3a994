using Fabricish.Channels.Config;
using Fabricish.Ledger;
using Fabricish.Ledger.History;
using Fabricish.Ledger.State;

namespace Fabricish.Endorser;

/// <summary>One joined channel's resources an endorsement uses: its current configuration (MSPs and policies), its
/// world state, its committed transaction ids, when the peer keeps one, its history index and, when the channel
/// commits in this process, the commit lock its simulations hold.</summary>
public sealed class EndorserChannel
{
    public EndorserChannel(ChannelConfig config, IStateDatabase state, ICommittedTxIds transactions, IHistoryQueries? history = null, StateCommitLock? commitLock = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(transactions);
        Config = config;
        State = state;
        Transactions = transactions;
        History = history;
        CommitLock = commitLock;
    }

    public string ChannelId => Config.ChannelId;

    public ChannelConfig Config { get; }

    public IStateDatabase State { get; }

    public ICommittedTxIds Transactions { get; }

    public IHistoryQueries? History { get; }

    /// <summary>Held for reading by each simulation so that it sees one committed height; null when nothing commits
    /// this state in the process, and the simulator's own height check is all there is.</summary>
    public StateCommitLock? CommitLock { get; }
}
