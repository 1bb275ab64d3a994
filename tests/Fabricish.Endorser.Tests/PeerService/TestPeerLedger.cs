using Fabricish.Channels.Config;
using Fabricish.Committer.History;
using Fabricish.Ledger;
using Fabricish.Ledger.History;
using Fabricish.Ledger.State;
using Fabricish.Peer.Channels;

namespace Fabricish.Endorser.Tests.PeerService;

/// <summary>The test network's channel as the peer holds it: its configuration, world state, a block store in a
/// scratch folder and the committer's history queries over them. Config can be swapped as a config block would.</summary>
internal sealed class TestPeerLedger : IPeerLedger, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fx-peer-ledger-" + Guid.NewGuid().ToString("N"));

    public TestPeerLedger(ChannelConfig config, IStateDatabase state)
    {
        Config = config;
        State = state;
        Blocks = BlockStore.Open(_folder);
        History = new HistoryQueries(state, Blocks);
    }

    public string ChannelId => Config.ChannelId;

    public ChannelConfig Config { get; set; }

    public BlockStore Blocks { get; }

    public IStateDatabase State { get; }

    public IHistoryQueries History { get; }

    public void Dispose()
    {
        Blocks.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
