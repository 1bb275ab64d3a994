using Fabricish.Channels.Config;
using Fabricish.Committer;
using Fabricish.Committer.Config;
using Fabricish.Committer.History;
using Fabricish.Committer.Validation;
using Fabricish.Ledger;
using Fabricish.Ledger.History;
using Fabricish.Ledger.State;
using Fabricish.Peer.Channels;
using Fabricish.Protos.Common;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Fabricish.Testing.Policies;

namespace Fabricish.Peer.Tests.Events.Support;

/// <summary>A channel whose blocks go through the real committer (validation, block store, pipelined state write
/// into <see cref="HeldStateDatabase"/>), as PeerChannel wires it, minus the orderer signature check the test chain
/// does not make.</summary>
internal sealed class CommittingTestLedger : IPeerLedger, IDisposable
{
    private readonly ScratchDirectory _directory;

    private CommittingTestLedger(BlockStore blocks, BlockCommitter committer, ScratchDirectory directory, HeldStateDatabase state)
    {
        _directory = directory;
        Blocks = blocks;
        Committer = committer;
        State = state;
        History = new HistoryQueries(state, blocks);
    }

    public string ChannelId => TestNetwork.ChannelId;

    public ChannelConfig Config => TestNetwork.Shared.Config;

    public BlockStore Blocks { get; }

    public HeldStateDatabase State { get; }

    IStateDatabase IPeerLedger.State => State;

    public IHistoryQueries History { get; }

    public BlockCommitter Committer { get; }

    public TestChain Chain { get; } = TestNetwork.Shared.NewChain();

    public ulong CommittedHeight => Committer.CommittedHeight;

    public IAsyncEnumerable<Block> ReadCommittedFrom(ulong start, CancellationToken cancellationToken) => Committer.ReadCommittedFrom(start, cancellationToken);

    public static async Task<CommittingTestLedger> JoinedAsync()
    {
        var directory = new ScratchDirectory("block-store");
        BlockStore blocks = BlockStore.Open(directory.FullPath);
        var holder = new ChannelConfigHolder(TestNetwork.Shared.Config);
        var handler = new ConfigTransactionHandler(holder);
        var policies = DefinedEndorsementPolicies.Signature(TestNetwork.BothOrgsPolicy, TestNetwork.Chaincode);
        var validator = new TxValidator(holder, policies, blocks, handler);
        var state = new HeldStateDatabase();
        BlockCommitter committer = await BlockCommitter.OpenAsync(TestNetwork.ChannelId, blocks, state, validator, new AcceptingBlockVerifier(), handler);
        var ledger = new CommittingTestLedger(blocks, committer, directory, state);
        Assert.Equal(BlockCommitStatus.Committed, (await committer.CommitAsync(ledger.Chain.Genesis.Clone())).Status);
        await committer.WaitForCommittedHeightAsync(1);
        return ledger;
    }

    public void Dispose()
    {
        Committer.Dispose();
        Blocks.Dispose();
        _directory.Dispose();
    }
}
