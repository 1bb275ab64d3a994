using System.Collections.Concurrent;
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
/// StateListener). A definition changes only when its new sequence commits, so the previous one serves until then.</summary>
public sealed class LifecycleDefinitions : IStateListener
{
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(60);

    private readonly Func<IPeerChannels> channels;
    private readonly string localMspId;
    private readonly ILogger<LifecycleDefinitions> logger;
    private readonly ConcurrentDictionary<string, LifecycleChannelView> views = new(StringComparer.Ordinal);

    /// <param name="channels">Resolved on first use: the channels' committers themselves notify this listener.</param>
    public LifecycleDefinitions(Func<IPeerChannels> channels, string localMspId, ILogger<LifecycleDefinitions> logger)
    {
        ArgumentNullException.ThrowIfNull(channels);
        this.channels = channels;
        this.localMspId = localMspId;
        this.logger = logger;
    }

    /// <summary>Raised when a new sequence of a definition commits on a channel (not for definitions loaded at start).</summary>
    public event Action<string, LifecycleDefinition>? Committed;

    public IReadOnlyCollection<string> Namespaces { get; } = [LifecycleKeys.Namespace];

    /// <summary>The committed definition, or null when <paramref name="chaincode"/> is not defined on the channel
    /// (or the channel is not joined).</summary>
    public LifecycleDefinition? Get(string channelId, string chaincode) => View(channelId)?.Get(chaincode);

    public IReadOnlyList<LifecycleDefinition> All(string channelId) => View(channelId)?.All() ?? [];

    /// <summary>The package id this peer's organization approved for the definition, or null.</summary>
    public string? LocalPackage(string channelId, LifecycleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return View(channelId)?.LocalPackage(definition.Name, definition.Sequence);
    }

    /// <summary>The channels whose definitions are loaded.</summary>
    public IReadOnlyCollection<string> LoadedChannels => [.. views.Keys];

    public void StateCommitted(string channelId, ulong blockNumber, IReadOnlyDictionary<string, IReadOnlyDictionary<string, StateUpdate>> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (!views.TryGetValue(channelId, out LifecycleChannelView? view)
            || !updates.TryGetValue(LifecycleKeys.Namespace, out IReadOnlyDictionary<string, StateUpdate>? writes))
        {
            // Not loaded yet: the load reads state, which already holds this block.
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
                LifecycleLog.DefinitionUnusable(logger, channelId, chaincode, error ?? "incomplete write");
                continue;
            }

            if (view.Put(definition, metadata.Version))
            {
                LifecycleLog.DefinitionCommitted(logger, channelId, chaincode, definition.Sequence, definition.Version);
                Committed?.Invoke(channelId, definition);
            }
        }

        string localPrefix = LifecycleKeys.ApprovalsOf(localMspId);
        foreach ((string key, StateUpdate update) in writes)
        {
            if (key.StartsWith(localPrefix, StringComparison.Ordinal) && update.Value is not null)
            {
                PutApproval(view, update.Value, update.Version);
            }
        }
    }

    private LifecycleChannelView? View(string channelId)
    {
        if (!views.TryGetValue(channelId, out LifecycleChannelView? view))
        {
            if (!channels().TryGet(channelId, out IPeerLedger? ledger))
            {
                return null;
            }

            var created = new LifecycleChannelView(Task.CompletedTask);
            view = views.GetOrAdd(channelId, created);
            if (ReferenceEquals(view, created))
            {
                created.Loading = Task.Run(() => LoadAsync(channelId, ledger.State, created));
            }
        }

        // Only the first lookups of a channel wait; the hot paths (registry, policies) are synchronous.
        if (!view.Loading.IsCompletedSuccessfully)
        {
            try
            {
                view.Loading.Wait(LoadTimeout);
            }
            catch (AggregateException e)
            {
                views.TryRemove(new KeyValuePair<string, LifecycleChannelView>(channelId, view));
                throw new StateDatabaseUnavailableException($"chaincode definitions of channel {channelId} could not be loaded: {e.InnerException?.Message}", e.InnerException ?? e);
            }
        }

        return view;
    }

    private async Task LoadAsync(string channelId, IStateDatabase state, LifecycleChannelView view)
    {
        int count = 0;
        await foreach (VersionedKV metadata in state.GetStateRangeAsync(LifecycleKeys.Namespace, LifecycleKeys.MetadataPrefix, RangeEnd(LifecycleKeys.MetadataPrefix)).ConfigureAwait(false))
        {
            string chaincode = metadata.Key[LifecycleKeys.MetadataPrefix.Length..];
            IReadOnlyList<VersionedValue?> values = await state.GetStatesAsync(LifecycleKeys.Namespace, LifecycleStateCodec.KeysOf(chaincode)).ConfigureAwait(false);
            LifecycleDefinition? definition = LifecycleStateCodec.Decode(chaincode, [.. values.Select(v => v?.Value)], out string? error);
            if (definition is null)
            {
                LifecycleLog.DefinitionUnusable(logger, channelId, chaincode, error ?? "missing fields");
                continue;
            }

            view.Put(definition, metadata.VersionedValue.Version);
            count++;
        }

        string approvals = LifecycleKeys.ApprovalsOf(localMspId);
        await foreach (VersionedKV approval in state.GetStateRangeAsync(LifecycleKeys.Namespace, approvals, RangeEnd(approvals)).ConfigureAwait(false))
        {
            PutApproval(view, approval.VersionedValue.Value, approval.VersionedValue.Version);
        }

        LifecycleLog.DefinitionsLoaded(logger, channelId, count);
    }

    private static void PutApproval(LifecycleChannelView view, byte[] value, Height version)
    {
        try
        {
            ApproveChaincodeDefinitionForMyOrgArgs approved = ApproveChaincodeDefinitionForMyOrgArgs.Parser.ParseFrom(value);
            string packageId = approved.Source?.LocalPackage?.PackageId ?? string.Empty;
            view.PutLocalPackage(approved.Name, approved.Sequence, packageId, version);
        }
        catch (InvalidProtocolBufferException)
        {
            // Validation only lets the org's own endorsed approvals in; an unreadable one approves no package.
        }
    }

    /// <summary>The exclusive end of every key starting with <paramref name="prefix"/> (which ends in '/').</summary>
    private static string RangeEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
