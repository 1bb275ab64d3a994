using Fabricish.Channels.Config;
using Fabricish.Committer;
using Fabricish.Committer.Config;
using Fabricish.Committer.History;
using Fabricish.Committer.PrivateData;
using Fabricish.Committer.Validation;
using Fabricish.Ledger;
using Fabricish.Ledger.History;
using Fabricish.Ledger.State;
using Fabricish.Protos.Common;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Channels;

/// <summary>A joined channel as this peer holds it: block store, world state, history, the committer that extends
/// them and the configuration the last committed config block established. Owns the block store.</summary>
internal sealed class PeerChannel : IPeerLedger, IDisposable
{
    private readonly ChannelConfigHolder _config;

    private PeerChannel(string channelId, BlockStore blocks, IStateDatabase state, ChannelConfigHolder config, BlockCommitter committer, StateCommitLock commitLock)
    {
        CommitLock = commitLock;
        ChannelId = channelId;
        Blocks = blocks;
        State = state;
        _config = config;
        Committer = committer;
        History = new HistoryQueries(state, blocks);
    }

    public string ChannelId { get; }

    public ChannelConfig Config => _config.Current;

    public BlockStore Blocks { get; }

    public IStateDatabase State { get; }

    public IHistoryQueries History { get; }

    public BlockCommitter Committer { get; }

    /// <summary>Shared by the committer (write) and the endorser's simulations (read) of this channel.</summary>
    public StateCommitLock CommitLock { get; }

    StateCommitLock? IPeerLedger.CommitLock => CommitLock;

    public ChannelHealth Health { get; } = new();

    public ulong Height => Blocks.Height;

    public ulong CommittedHeight => Committer.CommittedHeight;

    public IAsyncEnumerable<Block> ReadCommittedFrom(ulong start, CancellationToken cancellationToken) => Committer.ReadCommittedFrom(start, cancellationToken);

    /// <summary>Wires the committer over an open block store and brings the state level with it (recovery). Throws
    /// <see cref="StateDatabaseUnavailableException"/> while CouchDB cannot be reached; the block store stays the
    /// caller's until this returns.</summary>
    public static async Task<PeerChannel> OpenAsync(
        string channelId,
        BlockStore blocks,
        ChannelConfig config,
        IStateDatabase state,
        IEndorsementPolicyProvider policies,
        ILoggerFactory loggers,
        CancellationToken cancellationToken,
        BlockCommitterOptions? committerOptions = null,
        IEnumerable<IStateListener>? stateListeners = null,
        IPrivateDataProvider? privateData = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        var holder = new ChannelConfigHolder(config);
        var handler = new ConfigTransactionHandler(holder);
        var commitLock = new StateCommitLock();
        var validator = new TxValidator(holder, policies, blocks, handler, logger: loggers.CreateLogger<TxValidator>());
        BlockCommitter committer = await BlockCommitter.OpenAsync(
            channelId, blocks, state, validator, new ChannelBlockVerifier(holder), handler, loggers.CreateLogger<BlockCommitter>(), cancellationToken, commitLock, committerOptions, stateListeners, privateData).ConfigureAwait(false);
        return new PeerChannel(channelId, blocks, state, holder, committer, commitLock);
    }

    /// <summary>Re-reads the configuration from the block store after recovery: the committer re-applies state, not
    /// configuration, so a config block whose state write failed takes effect here.</summary>
    public void ReloadConfig()
    {
        ConfigResult<ChannelConfig> config = LastConfigBlock.Read(Blocks);
        if (config.Value is { } current && current.Sequence != _config.Current.Sequence)
        {
            _config.Update(current);
        }
    }

    public void Dispose()
    {
        Committer.Dispose();
        Blocks.Dispose();
        StateDatabaseFactory.Release(State);
    }
}
