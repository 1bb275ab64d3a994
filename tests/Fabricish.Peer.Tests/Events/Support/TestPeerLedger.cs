using Fabricish.Channels.Config;
using Fabricish.Committer.History;
using Fabricish.Ledger;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Peer.Channels;
using Fabricish.Testing;
using Fabricish.Testing.Infra;

namespace Fabricish.Peer.Tests.Events.Support;

/// <summary>A channel as the event services see it: a real block store in a temp directory, opened with the
/// network's genesis block, into which the test appends committed blocks.</summary>
internal sealed class TestPeerLedger : IPeerLedger, IDisposable
{
    private readonly ScratchDirectory _directory = new("block-store");

    /// <param name="state">The channel's world state; in memory unless given.</param>
    public TestPeerLedger(IStateDatabase? state = null)
    {
        Blocks = BlockStore.Open(_directory.FullPath);
        State = state ?? new InMemoryStateDatabase();
        History = new HistoryQueries(State, Blocks);
        Chain = TestNetwork.Shared.NewChain();
        Assert.True(Blocks.Append(Chain.Genesis).Accepted);
    }

    public string ChannelId => TestNetwork.ChannelId;

    public ChannelConfig Config { get; set; } = TestNetwork.Shared.Config;

    public BlockStore Blocks { get; }

    public IStateDatabase State { get; }

    public IHistoryQueries History { get; }

    public TestChain Chain { get; }

    /// <summary>Cuts the next block of <paramref name="transactions"/>, marks it with their codes as the committer
    /// does, and appends it.</summary>
    public Protos.Common.Block Commit(params (Protos.Common.Envelope Envelope, Protos.Peer.TxValidationCode Code)[] transactions)
    {
        Protos.Common.Block block = Chain.Cut([.. transactions.Select(t => t.Envelope)]);
        Committer.TransactionsFilter.Set(block, [.. transactions.Select(t => t.Code)]);
        AppendResult result = Blocks.Append(block);
        Assert.True(result.Accepted, result.Reason);
        return block;
    }

    public void Dispose()
    {
        Blocks.Dispose();
        _directory.Dispose();
    }
}
