using Fabricish.Committer.PrivateData;
using Fabricish.Ledger.State;

namespace Fabricish.Committer;

/// <summary>Private data of old blocks (Fabric's CommitPvtDataOfOldBlocks): written between blocks, with every queued
/// state write drained first and under the commit lock, so the hashed versions it checks are the committed ones; the
/// savepoint stays where the blocks put it.</summary>
public sealed partial class BlockCommitter
{
    public async Task<ReconcileOutcome> CommitReconciledPrivateDataAsync(IReadOnlyList<ReconciledPrivateData> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        IPrivateDataProvider provider = _privateDataProvider
            ?? throw new InvalidOperationException($"channel {_channelId} commits no private data");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await _pipeline!.DrainAsync(cancellationToken).ConfigureAwait(false);
            var updates = new UpdateBatch();
            PrivateDataReconciliation.Prepared prepared = await PrivateDataReconciliation.PrepareAsync(provider, items, updates, CommittedValueAsync, cancellationToken).ConfigureAwait(false);
            if (updates.Count > 0 && await _state.GetLatestSavepointAsync(cancellationToken).ConfigureAwait(false) is { } savepoint)
            {
                using StateCommitLockHandle? held = _commitLock is null ? null : await _commitLock.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
                await _state.ApplyUpdatesAsync(updates, savepoint, cancellationToken).ConfigureAwait(false);
            }

            prepared.StoreAll();
            return prepared.Outcome;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<VersionedValue?> CommittedValueAsync(string ns, string key, CancellationToken cancellationToken)
    {
        if (_pipeline?.PendingUpdate(ns, key) is { } pending)
        {
            return pending.Value is { } value ? new VersionedValue(value, pending.Version, pending.Metadata) : null;
        }

        return await _state.GetStateAsync(ns, key, cancellationToken).ConfigureAwait(false);
    }
}
