using Fabricish.Channels.Config;
using Fabricish.Endorser;
using Fabricish.Ledger;
using Fabricish.Ledger.State;

namespace Fabricish.Benchmarks.Endorsing;

/// <summary>One joined channel over an in-memory world state with no committed transactions, so the benchmark
/// measures the endorser and the chaincode link rather than a database.</summary>
internal sealed class BenchEndorserChannels : IEndorserChannels, ICommittedTxIds
{
    public BenchEndorserChannels(ChannelConfig config, IStateDatabase state)
    {
        Channel = new EndorserChannel(config, state, this);
    }

    public EndorserChannel Channel { get; }

    public EndorserChannel? GetChannel(string channelId) => channelId == Channel.ChannelId ? Channel : null;

    public bool Contains(string txId) => false;
}
