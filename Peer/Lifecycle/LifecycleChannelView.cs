using System.Collections.Concurrent;
using Fabricish.Ledger.State;

namespace Fabricish.Peer.Lifecycle;

/// <summary>One channel's committed chaincode definitions and this peer's organization's approvals (which package it
/// runs for a name and sequence), as last committed. Updates carry the height that wrote them and only a newer one
/// replaces an entry, so the load from state and the commit notifications can interleave in any order.</summary>
internal sealed class LifecycleChannelView
{
    private readonly ConcurrentDictionary<string, (LifecycleDefinition Definition, Height Version)> _definitions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string PackageId, Height Version)> _localPackages = new(StringComparer.Ordinal);

    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the definitions in state when the view was created are in; pending from the view's
    /// creation on, so a lookup that finds the view before its load starts still waits for it.</summary>
    public Task Loading => _loaded.Task;

    /// <summary>Runs <paramref name="load"/> off the caller's thread and completes <see cref="Loading"/> with it.</summary>
    public void StartLoading(Func<Task> load) => _ = Task.Run(async () =>
    {
        try
        {
            await load().ConfigureAwait(false);
            _loaded.TrySetResult();
        }
        catch (Exception e)
        {
            _loaded.TrySetException(e);
        }
    });

    public LifecycleDefinition? Get(string chaincode) => _definitions.TryGetValue(chaincode, out var entry) ? entry.Definition : null;

    public IReadOnlyList<LifecycleDefinition> All() => [.. _definitions.Values.Select(e => e.Definition).OrderBy(d => d.Name, StringComparer.Ordinal)];

    /// <summary>The package this peer's organization approved for <paramref name="chaincode"/> at <paramref name="sequence"/>.</summary>
    public string? LocalPackage(string chaincode, long sequence) =>
        _localPackages.TryGetValue(ApprovalName(chaincode, sequence), out var entry) && entry.PackageId.Length > 0 ? entry.PackageId : null;

    /// <summary>True when <paramref name="definition"/> is newer than what the view holds and replaced it.</summary>
    public bool Put(LifecycleDefinition definition, Height version)
    {
        while (true)
        {
            if (_definitions.TryGetValue(definition.Name, out var current))
            {
                if (current.Version >= version)
                {
                    return false;
                }

                if (_definitions.TryUpdate(definition.Name, (definition, version), current))
                {
                    return true;
                }
            }
            else if (_definitions.TryAdd(definition.Name, (definition, version)))
            {
                return true;
            }
        }
    }

    public void PutLocalPackage(string chaincode, long sequence, string packageId, Height version) =>
        _localPackages.AddOrUpdate(
            ApprovalName(chaincode, sequence),
            (packageId, version),
            (_, current) => current.Version >= version ? current : (packageId, version));

    private static string ApprovalName(string chaincode, long sequence) => $"{chaincode}#{sequence}";
}
