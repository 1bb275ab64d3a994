using Fabricish.Committer.Config;
using Fabricish.Committer.History;
using Fabricish.Committer.PrivateData;
using Fabricish.Committer.Validation;
using Fabricish.Ledger;
using Fabricish.Ledger.History;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Protos.Common;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Fabricish.Testing.Policies;

namespace Fabricish.Committer.Tests.Support;

/// <summary>A committing peer of the test channel: a block store in a temporary directory, a state database and the
/// committer wired as a peer process would wire them. Reopening keeps the directory and the state database, as a
/// restarted process would find them.</summary>
internal sealed class TestPeer : IDisposable
{
    private readonly ScratchDirectory _directory;
    private bool _ownsDirectory;

    private TestPeer(ScratchDirectory directory, bool ownsDirectory, IStateDatabase state, BlockStore blocks, ChannelConfigHolder config, BlockCommitter committer, BlockVerifierDouble verifier)
    {
        _directory = directory;
        _ownsDirectory = ownsDirectory;
        State = state;
        Blocks = blocks;
        Config = config;
        Committer = committer;
        Verifier = verifier;
        History = new HistoryQueries(state, blocks);
    }

    /// <summary>Fabric's chaincode lifecycle namespace, defined on the test channel with the both-orgs policy so
    /// state listener tests can commit writes to it.</summary>
    public const string LifecycleNamespace = "_lifecycle";

    public IStateDatabase State { get; }

    public BlockStore Blocks { get; }

    public ChannelConfigHolder Config { get; }

    public BlockCommitter Committer { get; }

    public BlockVerifierDouble Verifier { get; }

    public IHistoryQueries History { get; }

    public static Task<TestPeer> StartAsync(
        IStateDatabase? state = null,
        bool parallel = true,
        StateCommitLock? commitLock = null,
        IEnumerable<IStateListener>? listeners = null,
        BlockCommitterOptions? options = null,
        IEndorsementPolicyProvider? policies = null,
        IPrivateDataProvider? privateData = null) =>
        OpenAsync(new ScratchDirectory("block-store"), ownsDirectory: true, state ?? new InMemoryStateDatabase(), parallel, commitLock, listeners, options, policies, privateData);

    /// <summary>A peer that has joined the channel: the chain's genesis block is committed.</summary>
    public static async Task<TestPeer> JoinedAsync(
        TestChain chain,
        IStateDatabase? state = null,
        bool parallel = true,
        StateCommitLock? commitLock = null,
        IEnumerable<IStateListener>? listeners = null,
        BlockCommitterOptions? options = null,
        IEndorsementPolicyProvider? policies = null,
        IPrivateDataProvider? privateData = null)
    {
        TestPeer peer = await StartAsync(state, parallel, commitLock, listeners, options, policies, privateData);
        BlockCommitResult genesis = await peer.CommitAsync(chain.Genesis.Clone());
        Assert.Equal(BlockCommitStatus.Committed, genesis.Status);
        return peer;
    }

    /// <summary>Closes the block store and opens the same directory and state database again, running recovery.
    /// <paramref name="whileClosed"/> gets the directory in between, to damage it as a crash would. The returned peer
    /// owns the directory from then on.</summary>
    public Task<TestPeer> ReopenAsync(IEnumerable<IStateListener>? listeners = null, Action<string>? whileClosed = null)
    {
        Committer.Dispose();
        Blocks.Dispose();
        _ownsDirectory = false;
        whileClosed?.Invoke(_directory.FullPath);
        return OpenAsync(_directory, ownsDirectory: true, State, parallel: true, listeners: listeners, privateData: PrivateData);
    }

    /// <summary>The peer's private data, kept across <see cref="ReopenAsync"/>; null when it commits none.</summary>
    public IPrivateDataProvider? PrivateData { get; private init; }

    /// <summary>Commits a block and, when it is accepted, waits for its state write too, as the tests read state next.</summary>
    public async Task<BlockCommitResult> CommitAsync(Block block)
    {
        BlockCommitResult result = await Committer.CommitAsync(block);
        if (result.Status == BlockCommitStatus.Committed)
        {
            await Committer.WaitForCommittedHeightAsync(result.BlockNumber + 1);
        }

        return result;
    }

    public void Dispose()
    {
        Committer.Dispose();
        Blocks.Dispose();
        if (_ownsDirectory)
        {
            _directory.Dispose();
        }
    }

    private static async Task<TestPeer> OpenAsync(
        ScratchDirectory directory,
        bool ownsDirectory,
        IStateDatabase state,
        bool parallel,
        StateCommitLock? commitLock = null,
        IEnumerable<IStateListener>? listeners = null,
        BlockCommitterOptions? options = null,
        IEndorsementPolicyProvider? policies = null,
        IPrivateDataProvider? privateData = null)
    {
        TestNetwork network = TestNetwork.Shared;
        var config = new ChannelConfigHolder(network.Config);
        var handler = new ConfigTransactionHandler(config);
        BlockStore blocks = BlockStore.Open(directory.FullPath);
        policies ??= DefinedEndorsementPolicies.Signature(TestNetwork.BothOrgsPolicy, TestNetwork.Chaincode, LifecycleNamespace);
        var validator = new TxValidator(config, policies, blocks, handler, new TxValidationOptions { Parallel = parallel });
        var verifier = new BlockVerifierDouble();
        BlockCommitter committer = await BlockCommitter.OpenAsync(TestNetwork.ChannelId, blocks, state, validator, verifier, handler, commitLock: commitLock, options: options, listeners: listeners, privateData: privateData);
        return new TestPeer(directory, ownsDirectory, state, blocks, config, committer, verifier) { PrivateData = privateData };
    }
}
