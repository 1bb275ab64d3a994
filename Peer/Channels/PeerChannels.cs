using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Fabricish.Channels.Config;
using Fabricish.Committer;
using Fabricish.Committer.Validation;
using Fabricish.Ledger;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.CouchDb;
using Fabricish.Peer.DeliverClient;
using Fabricish.Peer.Host;
using Fabricish.Peer.Operations;
using Fabricish.Peer.PrivateData;
using Fabricish.Protos.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Fabricish.Peer.Channels;

/// <summary>
/// The channels this peer has joined (Fabric's peer.Peer with its ledger manager): one block store folder per channel
/// under <see cref="PeerOptions.ChainsDir"/>, its world state in the peer's state database (<see cref="StateDatabaseFactory"/>). On start every folder is
/// reopened (the committer re-applies blocks the state database missed) and starts pulling blocks; channels are
/// joined from a genesis block (Fabric's CreateChannel). A channel is listed once its state is level with its blocks.
/// </summary>
internal sealed class PeerChannels : IPeerChannels, IHostedService, IDisposable
{
    private readonly PeerOptions _options;
    private readonly LocalMsp _local;
    private readonly PeerMetrics _metrics;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IEndorsementPolicyProvider _policies;
    private readonly ConcurrentDictionary<string, PeerChannel> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _opening = new(StringComparer.Ordinal);
    private readonly List<Task> _running = [];
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ResiliencePipeline _openRetry;
    private readonly IReadOnlyList<IStateListener> _stateListeners;
    private readonly BlockCommitterOptions _committerOptions;
    private readonly StateDatabaseFactory _stateDatabases;
    private readonly PeerPrivateData? _privateData;

    public PeerChannels(
        IOptions<PeerOptions> options, LocalMsp local, PeerMetrics metrics, ILoggerFactory loggers, TimeProvider time, IEndorsementPolicyProvider policies,
        IEnumerable<IStateListener>? stateListeners = null, PeerPrivateData? privateData = null)
    {
        _privateData = privateData;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(policies);
        _stateListeners = [.. stateListeners ?? []];
        _committerOptions = CommitterOptionsFor(options.Value, loggers.CreateLogger<PeerChannels>());
        _options = options.Value;
        _local = local;
        _metrics = metrics;
        _loggers = loggers;
        _logger = loggers.CreateLogger<PeerChannels>();
        _time = time;
        _policies = policies;
        _stateDatabases = new StateDatabaseFactory(_options, _logger);
        _openRetry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<StateDatabaseUnavailableException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = _options.CommitRetryDelay,
                MaxDelay = _options.CommitRetryMaxDelay,
            })
            .Build();
    }

    public IReadOnlyCollection<string> ChannelIds => [.. _channels.Keys.Order(StringComparer.Ordinal)];

    public IReadOnlyList<PeerChannel> Channels => [.. _channels.Values.OrderBy(c => c.ChannelId, StringComparer.Ordinal)];

    /// <summary>Channels found on disk that are not served yet, and why (waiting for CouchDB to recover them).</summary>
    public IReadOnlyDictionary<string, string> Opening => _opening;

    public bool TryGet(string channelId, [NotNullWhen(true)] out IPeerLedger? ledger)
    {
        bool found = _channels.TryGetValue(channelId, out PeerChannel? channel);
        ledger = channel;
        return found;
    }

    public PeerChannel? Get(string channelId) => _channels.GetValueOrDefault(channelId);

    /// <exception cref="CouchDbAuthenticationException">CouchDB refused the peer's credentials: the peer does not start,
    /// since waiting for them would look like a hang.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _local.Load();
        await _stateDatabases.StartAsync(cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(_options.ChainsDir);
        foreach (string directory in Directory.GetDirectories(_options.ChainsDir).Order(StringComparer.Ordinal))
        {
            Track(ReopenAsync(directory, _stopping.Token));
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (PeerChannel channel in _channels.Values)
        {
            channel.Dispose();
        }

        _channels.Clear();
    }

    /// <summary>Creates the channel's ledger from its genesis block (committing it, as Fabric's CreateChannel does) and
    /// starts pulling its blocks from the orderers.</summary>
    public async Task<JoinResult> JoinAsync(Block genesis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        ConfigResult<ChannelConfig> config = ChannelConfig.FromBlock(genesis, _time);
        if (config.Value is not { } channelConfig)
        {
            return JoinResult.Refused(JoinStatus.Invalid, $"block is not a usable config block: {config.Error}");
        }

        string channelId = channelConfig.ChannelId;
        if (ChannelIdRules.Validate(channelId) is { } idError)
        {
            return JoinResult.Refused(JoinStatus.Invalid, $"invalid channel ID: {idError}");
        }

        if (genesis.Header?.Number != 0)
        {
            return JoinResult.Refused(JoinStatus.Invalid, $"channel {channelId}: block {genesis.Header?.Number} is not a genesis block");
        }

        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string directory = Path.Combine(_options.ChainsDir, channelId);
            if (_channels.ContainsKey(channelId) || _opening.ContainsKey(channelId) || Directory.Exists(directory))
            {
                return JoinResult.Refused(JoinStatus.AlreadyJoined, $"ledger [{channelId}] already exists");
            }

            return await CreateAsync(channelId, directory, genesis, channelConfig, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _changes.Release();
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _changes.Dispose();
        _stateDatabases.Dispose();
    }

    private async Task<JoinResult> CreateAsync(string channelId, string directory, Block genesis, ChannelConfig config, CancellationToken cancellationToken)
    {
        BlockStore store = BlockStore.Open(directory);
        PeerChannel? channel = null;
        IStateDatabase? state = null;
        try
        {
            state = _stateDatabases.Create(channelId, directory);
            channel = await PeerChannel.OpenAsync(channelId, store, config, state, _policies, _loggers, cancellationToken, _committerOptions, _stateListeners, _privateData?.ForChannel(channelId)).ConfigureAwait(false);
            BlockCommitResult committed = await channel.Committer.CommitAsync(genesis.Clone(), cancellationToken).ConfigureAwait(false);
            if (committed.Status != BlockCommitStatus.Committed)
            {
                Discard(store, state, directory);
                return JoinResult.Refused(JoinStatus.Invalid, $"genesis block refused: {committed.Reason}");
            }
        }
        catch (Exception e) when (e is StateDatabaseUnavailableException or InvalidOperationException or IOException)
        {
            if (store.Height > 0 && channel is not null)
            {
                // The genesis block is stored; its state write failed. Serve it: the provider recovers the state.
                Serve(channel, needsRecovery: true);
                return new JoinResult(JoinStatus.Joined, null, channel);
            }

            Discard(store, state, directory);
            return JoinResult.Refused(
                e is StateDatabaseUnavailableException ? JoinStatus.StateDatabaseUnavailable : JoinStatus.Invalid,
                $"channel {channelId}: {e.Message}");
        }

        Serve(channel, needsRecovery: false);
        return new JoinResult(JoinStatus.Joined, null, channel);
    }

    private async Task ReopenAsync(string directory, CancellationToken cancellationToken)
    {
        string channelId = Path.GetFileName(directory);
        BlockStore store;
        ConfigResult<ChannelConfig> config;
        try
        {
            store = BlockStore.Open(directory);
            config = LastConfigBlock.Read(store);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or BlockStoreLockedException or InvalidOperationException)
        {
            PeerLog.ChannelNotOpened(_logger, directory, e.Message);
            return;
        }

        if (config.Value is not { } channelConfig)
        {
            store.Dispose();
            PeerLog.ChannelNotOpened(_logger, directory, config.Error!);
            return;
        }

        _opening[channelId] = "opening";
        try
        {
            PeerChannel channel = await _openRetry.ExecuteAsync(
                async token =>
                {
                    IStateDatabase state = _stateDatabases.Create(channelId, directory);
                    try
                    {
                        return await PeerChannel.OpenAsync(channelId, store, channelConfig, state, _policies, _loggers, token, _committerOptions, _stateListeners, _privateData?.ForChannel(channelId)).ConfigureAwait(false);
                    }
                    catch (StateDatabaseUnavailableException e)
                    {
                        StateDatabaseFactory.Release(state);
                        _opening[channelId] = $"{_stateDatabases.Name} state database unavailable, channel not opened yet: {e.Message}";
                        PeerLog.OpenWaiting(_logger, channelId, e.Message);
                        throw;
                    }
                    catch
                    {
                        StateDatabaseFactory.Release(state);
                        throw;
                    }
                },
                cancellationToken).ConfigureAwait(false);
            PeerLog.ChannelOpened(_logger, channelId, channel.Height, channel.Committer.RecoveredBlocks);
            Serve(channel, needsRecovery: false);
        }
        catch (OperationCanceledException)
        {
            store.Dispose();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            store.Dispose();
            PeerLog.ChannelNotOpened(_logger, directory, e.Message);
        }
        finally
        {
            _opening.TryRemove(channelId, out _);
        }
    }

    private void Serve(PeerChannel channel, bool needsRecovery)
    {
        _channels[channel.ChannelId] = channel;
        var provider = new BlocksProvider(
            channel, _local.Signer, _options, _metrics, _time, _loggers.CreateLogger<BlocksProvider>(), needsRecovery);
        Track(Task.Run(() => provider.RunAsync(_stopping.Token)));
    }

    private void Track(Task task)
    {
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }
    }

    private static void Discard(BlockStore store, IStateDatabase? state, string directory)
    {
        StateDatabaseFactory.Release(state);
        store.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private static BlockCommitterOptions CommitterOptionsFor(PeerOptions options, ILogger logger)
    {
        if (options.FaultInjection.KillAfterStateWriteOfBlock is not { } killAt)
        {
            return new BlockCommitterOptions();
        }

        ChannelsLog.FaultInjectionArmed(logger, killAt);
        return new BlockCommitterOptions
        {
            AfterStateWrite = (first, last) =>
            {
                if (first <= killAt && killAt <= last)
                {
                    // TEST-ONLY: dies like a power cut between the state write and its savepoint.
                    ChannelsLog.FaultInjectionKilling(logger, first, last);
                    System.Diagnostics.Process.GetCurrentProcess().Kill();
                }
            },
        };
    }
}
