using System.Collections.Concurrent;
using Fabricish.Channels.PrivateData;
using Fabricish.Committer;
using Fabricish.Ledger.State;
using Fabricish.Peer.Channels;
using Fabricish.Protos.Peer.Lifecycle;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Lifecycle;

/// <summary>The committed chaincode definitions of every joined channel, kept in memory for the hot paths (endorser
/// registry, committer policies, gateway): loaded from the channel's <c>_lifecycle</c> state on first use and
/// refreshed by the committer after each block that writes <c>_lifecycle</c> (Fabric's lifecycle cache as a
/// StateListener). A definition changes only when its new sequence commits, so the previous one serves until then.
/// Lookups await the load rather than block on it: a peer restarted under load has every request thread asking at
/// once, and blocked threads would starve the load itself of the thread-pool threads it continues on.</summary>
internal sealed class LifecycleDefinitions : IStateListener
{
    private static readonly TimeSpan DefaultLoadTimeout = TimeSpan.FromSeconds(60);

    private readonly Func<IPeerChannels> _channels;
    private readonly string _localMspId;
    private readonly ILogger<LifecycleDefinitions> _logger;
    private readonly TimeSpan _loadTimeout;
    private readonly string _localApprovals;
    private readonly ConcurrentDictionary<string, LifecycleChannelView> _views = new(StringComparer.Ordinal);

    /// <param name="channels">Resolved on first use: the channels' committers themselves notify this listener.</param>
    /// <param name="loadTimeout">How long a lookup waits for a channel's definitions to load before it fails
    /// (default 60 s).</param>
    public LifecycleDefinitions(Func<IPeerChannels> channels, string localMspId, ILogger<LifecycleDefinitions> logger, TimeSpan? loadTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        _channels = channels;
        _localMspId = localMspId;
        _logger = logger;
        _loadTimeout = loadTimeout ?? DefaultLoadTimeout;
        _localApprovals = PrivateDataKeys.PrivateNamespace(LifecycleKeys.Namespace, LifecycleKeys.ApprovalCollection(localMspId));
        Namespaces = [LifecycleKeys.Namespace, _localApprovals];
    }

    /// <summary>Raised when a new sequence of a definition commits on a channel (not for definitions loaded at start).</summary>
    public event Action<string, LifecycleDefinition>? Committed;

    /// <summary>The public definitions and this peer's organization's approvals (its implicit collection's private
    /// state, where the approved package ids are).</summary>
    public IReadOnlyCollection<string> Namespaces { get; }

    /// <summary>The channels whose definitions are loaded; <see cref="All"/> and <see cref="LocalPackage"/> answer
    /// for them without waiting.</summary>
    public IReadOnlyCollection<string> LoadedChannels => [.. _views.Where(v => v.Value.Loading.IsCompletedSuccessfully).Select(v => v.Key)];

    /// <summary>Completes once the channel's definitions are loaded (false: the channel is not joined), after which
    /// <see cref="Get"/> answers for it without waiting.</summary>
    /// <exception cref="StateDatabaseUnavailableException">The load failed or did not complete in time.</exception>
    public async ValueTask<bool> LoadAsync(string channelId, CancellationToken cancellationToken = default) =>
        await ViewAsync(channelId, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The committed definition, or null when <paramref name="chaincode"/> is not defined on the channel
    /// (or the channel is not joined).</summary>
    /// <exception cref="StateDatabaseUnavailableException">The load failed or did not complete in time.</exception>
    public async ValueTask<LifecycleDefinition?> GetAsync(string channelId, string chaincode, CancellationToken cancellationToken = default) =>
        (await ViewAsync(channelId, cancellationToken).ConfigureAwait(false))?.Get(chaincode);

    /// <summary>The package id this peer's organization approved for the definition, or null.</summary>
    public async ValueTask<string?> LocalPackageAsync(string channelId, LifecycleDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return (await ViewAsync(channelId, cancellationToken).ConfigureAwait(false))?.LocalPackage(definition.Name, definition.Sequence);
    }

    /// <summary>As <see cref="GetAsync"/> for a channel whose load <see cref="LoadAsync"/> saw complete: never waits.</summary>
    public LifecycleDefinition? Get(string channelId, string chaincode) => Loaded(channelId)?.Get(chaincode);

    /// <summary>The definitions of a channel of <see cref="LoadedChannels"/>: never waits.</summary>
    public IReadOnlyList<LifecycleDefinition> All(string channelId) => Loaded(channelId)?.All() ?? [];

    /// <summary>As <see cref="LocalPackageAsync"/> for a channel of <see cref="LoadedChannels"/>: never waits.</summary>
    public string? LocalPackage(string channelId, LifecycleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Loaded(channelId)?.LocalPackage(definition.Name, definition.Sequence);
    }

    public void StateCommitted(string channelId, ulong blockNumber, IReadOnlyDictionary<string, IReadOnlyDictionary<string, StateUpdate>> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (!_views.TryGetValue(channelId, out LifecycleChannelView? view))
        {
            // Not loaded yet: the load reads state, which already holds this block.
            return;
        }

        if (updates.TryGetValue(_localApprovals, out IReadOnlyDictionary<string, StateUpdate>? approvals))
        {
            foreach ((string key, StateUpdate update) in approvals)
            {
                PutApproval(view, key, update.Value, update.Version);
            }
        }

        if (!updates.TryGetValue(LifecycleKeys.Namespace, out IReadOnlyDictionary<string, StateUpdate>? writes))
        {
            return;
        }

        foreach (string chaincode in writes.Keys.Select(LifecycleKeys.DefinedChaincode).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            IReadOnlyList<string> keys = LifecycleStateCodec.KeysOf(chaincode);
            if (!writes.TryGetValue(keys[0], out StateUpdate? metadata) || metadata.Value is null)
            {
                continue;
            }

            LifecycleDefinition? definition = LifecycleStateCodec.Decode(chaincode, [.. keys.Select(k => writes.GetValueOrDefault(k)?.Value)], out string? error);
            if (definition is null)
            {
                LifecycleLog.DefinitionUnusable(_logger, channelId, chaincode, error ?? "incomplete write");
                continue;
            }

            if (view.Put(definition, metadata.Version))
            {
                LifecycleLog.DefinitionCommitted(_logger, channelId, chaincode, definition.Sequence, definition.Version);
                Committed?.Invoke(channelId, definition);
            }
        }
    }

    private async ValueTask<LifecycleChannelView?> ViewAsync(string channelId, CancellationToken cancellationToken)
    {
        if (!_views.TryGetValue(channelId, out LifecycleChannelView? view))
        {
            if (!_channels().TryGet(channelId, out IPeerLedger? ledger))
            {
                return null;
            }

            var created = new LifecycleChannelView();
            view = _views.GetOrAdd(channelId, created);
            if (ReferenceEquals(view, created))
            {
                created.StartLoading(() => ReadDefinitionsAsync(channelId, ledger.State, created));
            }
        }

        if (view.Loading.IsCompletedSuccessfully)
        {
            return view;
        }

        try
        {
            await view.Loading.WaitAsync(_loadTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new StateDatabaseUnavailableException(
                $"chaincode definitions of channel {channelId} are not loaded yet (still loading after {_loadTimeout.TotalSeconds:0.#} s)", e);
        }
        catch (Exception e) when (view.Loading.IsFaulted)
        {
            // The next lookup starts another load.
            _views.TryRemove(new KeyValuePair<string, LifecycleChannelView>(channelId, view));
            throw new StateDatabaseUnavailableException($"chaincode definitions of channel {channelId} could not be loaded: {e.Message}", e);
        }

        return view;
    }

    /// <summary>The channel's view once loaded. A lookup of a channel still loading (or never asked for) is a bug of
    /// the caller, which must await <see cref="LoadAsync"/> first: answering "not defined" would invalidate or refuse
    /// transactions of chaincodes that are defined.</summary>
    private LifecycleChannelView? Loaded(string channelId)
    {
        if (!_views.TryGetValue(channelId, out LifecycleChannelView? view))
        {
            return _channels().TryGet(channelId, out _)
                ? throw new InvalidOperationException($"chaincode definitions of channel {channelId} were looked up before they were loaded")
                : null;
        }

        return view.Loading.IsCompletedSuccessfully
            ? view
            : throw new InvalidOperationException($"chaincode definitions of channel {channelId} were looked up while they are still loading");
    }

    private async Task ReadDefinitionsAsync(string channelId, IStateDatabase state, LifecycleChannelView view)
    {
        int count = 0;
        await foreach (VersionedKV metadata in state.GetStateRangeAsync(LifecycleKeys.Namespace, LifecycleKeys.MetadataPrefix, RangeEnd(LifecycleKeys.MetadataPrefix)).ConfigureAwait(false))
        {
            string chaincode = metadata.Key[LifecycleKeys.MetadataPrefix.Length..];
            IReadOnlyList<VersionedValue?> values = await state.GetStatesAsync(LifecycleKeys.Namespace, LifecycleStateCodec.KeysOf(chaincode)).ConfigureAwait(false);
            LifecycleDefinition? definition = LifecycleStateCodec.Decode(chaincode, [.. values.Select(v => v?.Value)], out string? error);
            if (definition is null)
            {
                LifecycleLog.DefinitionUnusable(_logger, channelId, chaincode, error ?? "missing fields");
                continue;
            }

            view.Put(definition, metadata.VersionedValue.Version);
            count++;
        }

        await foreach (VersionedKV approval in state.GetStateRangeAsync(
            _localApprovals, LifecycleKeys.SourcesFieldsPrefix, RangeEnd(LifecycleKeys.SourcesFieldsPrefix)).ConfigureAwait(false))
        {
            PutApproval(view, approval.Key, approval.VersionedValue.Value, approval.VersionedValue.Version);
        }

        LifecycleLog.DefinitionsLoaded(_logger, channelId, count);
    }

    /// <summary>An approved package id (<c>chaincode-sources/fields/&lt;name&gt;#&lt;sequence&gt;/PackageID</c>) of
    /// this peer's organization; other keys of its collection are the approved parameters, which it needs not here.</summary>
    private static void PutApproval(LifecycleChannelView view, string key, byte[]? value, Height version)
    {
        if (!LifecycleKeys.TryParseSourceField(key, out string chaincode, out long sequence))
        {
            return;
        }

        try
        {
            string packageId = value is null ? string.Empty : StateData.Parser.ParseFrom(value).String;
            view.PutLocalPackage(chaincode, sequence, packageId, version);
        }
        catch (InvalidProtocolBufferException)
        {
            // Validation only lets the org's own endorsed approvals in; an unreadable one approves no package.
        }
    }

    /// <summary>The exclusive end of every key starting with <paramref name="prefix"/> (which ends in '/').</summary>
    private static string RangeEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
