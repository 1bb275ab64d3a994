using Fabricish.Channels.Config;
using Fabricish.Endorser.Simulation;
using Fabricish.Ledger.State;

namespace Fabricish.Endorser;

/// <summary>One joined channel's resources an endorsement uses: its current configuration (MSPs and policies), its
/// world state, its committed transaction ids and, when the peer keeps one, its history index.</summary>
public sealed class EndorserChannel
{
    public EndorserChannel(ChannelConfig config, IStateDatabase state, ICommittedTransactions transactions, IHistoryQueries? history = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(transactions);
        Config = config;
        State = state;
        Transactions = transactions;
        History = history;
    }

    public string ChannelId => Config.ChannelId;

    public ChannelConfig Config { get; }

    public IStateDatabase State { get; }

    public ICommittedTransactions Transactions { get; }

    public IHistoryQueries? History { get; }
}
