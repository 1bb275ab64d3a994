using System.Collections.Concurrent;
using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Ledger;
using Fabricish.Orderer.Host;
using Fabricish.Orderer.Consensus;
using Fabricish.Protos.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fabricish.Orderer.Registrar;

/// <summary>
/// The channels this orderer serves (Fabric's multichannel <c>Registrar</c>): one ledger folder per channel under
/// <see cref="OrdererOptions.ChainsDir"/>, each reopened and its chain (made by the <see cref="IConsenter"/>) restarted
/// when the host starts, so channels survive restarts. Channels are joined from their genesis block and removed through the participation API.
/// </summary>
internal sealed class ChannelRegistrar : IHostedService
{
    /// <summary>Like Fabric's orderer, blocks are looked up only by number; a tx id index would grow with every
    /// envelope ever ordered.</summary>
    internal static readonly BlockStoreOptions LedgerOptions = new() { IndexTransactionIds = false };

    private readonly OrdererOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, ChannelSupport> _channels = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly IConsenter _consenter;
    private SigningIdentity? _signer;

    public ChannelRegistrar(IOptions<OrdererOptions> options, IConsenter consenter, ILoggerFactory loggers, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(consenter);
        ArgumentNullException.ThrowIfNull(loggers);
        _options = options.Value;
        _consenter = consenter;
        _logger = loggers.CreateLogger<ChannelRegistrar>();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Every channel served, by name.</summary>
    public IReadOnlyList<ChannelSupport> Channels => [.. _channels.Values.OrderBy(c => c.ChannelId, StringComparer.Ordinal)];

    public ChannelSupport? Get(string channelId) => _channels.GetValueOrDefault(channelId);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _signer = MspDirectory.LoadSigningIdentity(_options.MspDir, _options.MspId, _options.MspKeyPassword);
        OrdererLog.IdentityLoaded(_logger, _signer.MspId, _signer.Certificate.Subject, _options.MspDir);
        Directory.CreateDirectory(_options.ChainsDir);
        foreach (string directory in Directory.GetDirectories(_options.ChainsDir).Order(StringComparer.Ordinal))
        {
            Load(directory);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_channels.Values.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
            _channels.Clear();
            _signer?.Dispose();
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Creates the channel's ledger from its genesis block and starts ordering on it. Only a genesis block
    /// can start a Kafka channel: the chain resumes from the partition offset its ledger's last block records.</summary>
    public async Task<JoinResult> JoinAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        ConfigResult<ChannelConfig> config = ChannelConfig.FromBlock(block, _time);
        if (!config.IsOk)
        {
            return Refuse($"block is not a usable config block: {config.Error}");
        }

        string channelId = config.Value!.ChannelId;
        if (ChannelIdRules.Validate(channelId) is { } idError)
        {
            return Refuse($"invalid channel ID: {idError}");
        }

        if (block.Header.Number != 0)
        {
            return Refuse($"channel {channelId}: config block {block.Header.Number} is not a genesis block; a Kafka channel is joined from block 0");
        }

        if (!string.Equals(config.Value.Orderer.ConsensusType, _consenter.ConsensusType, StringComparison.Ordinal))
        {
            return Refuse($"channel {channelId} uses consensus type '{config.Value.Orderer.ConsensusType}'; this orderer supports '{_consenter.ConsensusType}' only");
        }

        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_channels.ContainsKey(channelId))
            {
                return new JoinResult(JoinStatus.AlreadyExists, "channel already exists", null);
            }

            string directory = Path.Combine(_options.ChainsDir, channelId);
            if (Directory.Exists(directory))
            {
                return Refuse($"a ledger folder for channel {channelId} exists but is not served (see the start-up log); remove {directory} to join afresh");
            }

            BlockStore store = BlockStore.Open(directory, LedgerOptions);
            AppendResult appended = store.Append(block);
            string? error = appended.Reason;
            ChannelSupport? channel = appended.Accepted ? Serve(directory, store, out error) : null;
            if (channel is null)
            {
                store.Dispose();
                Directory.Delete(directory, recursive: true);
                return Refuse($"channel {channelId}: {error}");
            }

            _channels[channelId] = channel;
            OrdererLog.ChannelJoined(_logger, channelId);
            return JoinResult.Joined(channel);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Stops serving the channel and deletes its ledger; false when it is not served.</summary>
    public async Task<bool> RemoveAsync(string channelId, CancellationToken cancellationToken = default)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_channels.TryRemove(channelId, out ChannelSupport? channel))
            {
                return false;
            }

            await channel.DisposeAsync().ConfigureAwait(false);
            Directory.Delete(channel.Directory, recursive: true);
            OrdererLog.ChannelRemoved(_logger, channelId);
            return true;
        }
        finally
        {
            _changes.Release();
        }
    }

    private JoinResult Refuse(string error)
    {
        OrdererLog.JoinRefused(_logger, error);
        return JoinResult.Invalid(error);
    }

    private void Load(string directory)
    {
        BlockStore store;
        try
        {
            store = BlockStore.Open(directory, LedgerOptions);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or BlockStoreLockedException or UnauthorizedAccessException)
        {
            OrdererLog.ChannelNotLoaded(_logger, directory, e.Message);
            return;
        }

        string? error = "the ledger is empty";
        ChannelSupport? channel = store.Height == 0 ? null : Serve(directory, store, out error);
        if (channel is null)
        {
            OrdererLog.ChannelNotLoaded(_logger, directory, error ?? "unknown");
            store.Dispose();
            return;
        }

        _channels[channel.ChannelId] = channel;
        OrdererLog.ChannelLoaded(_logger, channel.ChannelId, channel.Height);
    }

    private ChannelSupport? Serve(string directory, BlockStore store, out string? error)
    {
        ConsenterSupport? support = ConsenterSupport.TryOpen(store, _signer!, out error, _time);
        if (support is null)
        {
            return null;
        }

        IChain? chain = _consenter.TryHandleChain(support, out error);
        if (chain is null)
        {
            return null;
        }

        chain.Start();
        return new ChannelSupport(directory, support, chain);
    }
}
