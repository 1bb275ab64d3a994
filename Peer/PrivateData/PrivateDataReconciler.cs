using Fabricish.Committer.PrivateData;
using Fabricish.Ledger.PrivateData;
using Fabricish.Ledger.State;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Host;
using Fabricish.Protos.Ledger.Rwset;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fabricish.Peer.PrivateData;

/// <summary>Fabric's private data reconciler (gossip/privdata/reconcile.go): every
/// <see cref="PeerPrivateDataOptions.ReconcileSleepInterval"/>, for each channel, takes up to
/// <see cref="PeerPrivateDataOptions.ReconcileBatchSize"/> missing data entries (most recent blocks first), pulls them
/// from member peers with the same signed, member-checked pull as at commit, and commits what matches the block's
/// hashes as private data of old blocks. Off when <see cref="PeerPrivateDataOptions.ReconciliationEnabled"/> is false.</summary>
internal sealed partial class PrivateDataReconciler(
    PeerPrivateData privateData, PeerChannels channels, IOptions<PeerOptions> options, ILogger<PrivateDataReconciler> logger) : BackgroundService
{
    private readonly PeerPrivateDataOptions _options = options.Value.PrivateData;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.ReconciliationEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ReconcileSleepInterval, stoppingToken).ConfigureAwait(false);
                foreach (PeerChannel channel in channels.Channels)
                {
                    await ReconcileAsync(channel, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or StateDatabaseUnavailableException or ObjectDisposedException)
            {
                LogRoundFailed(logger, e.Message);
            }
        }
    }

    /// <summary>One round for one channel; returns the entries reconciled.</summary>
    internal async Task<int> ReconcileAsync(PeerChannel channel, CancellationToken cancellationToken)
    {
        var store = new ChannelPvtData(privateData.PvtData, channel.ChannelId);
        IReadOnlyList<MissingPrivateData> missing = store.Missing(_options.ReconcileBatchSize);
        if (missing.Count == 0)
        {
            return 0;
        }

        var fetched = new List<ReconciledPrivateData>();
        foreach (IGrouping<string, MissingPrivateData> tx in missing.GroupBy(m => m.TxId, StringComparer.Ordinal))
        {
            ExpectedCollection[] needed = [.. tx.Select(m => new ExpectedCollection(m.Namespace, m.Collection, m.PvtRwSetHash))];
            TxPvtReadWriteSet? pulled = await privateData.PullAsync(channel.ChannelId, tx.Key, needed, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            foreach (MissingPrivateData entry in tx)
            {
                if (PrivateWriteSets.Find(pulled, entry.Namespace, entry.Collection) is { } set)
                {
                    fetched.Add(new ReconciledPrivateData(entry, set.Rwset.ToByteArray()));
                }
            }
        }

        if (fetched.Count == 0)
        {
            LogNothingFetched(logger, channel.ChannelId, missing.Count);
            return 0;
        }

        ReconcileOutcome outcome = await channel.Committer.CommitReconciledPrivateDataAsync(fetched, cancellationToken).ConfigureAwait(false);
        foreach (ReconciledPrivateData item in fetched)
        {
            LogReconciled(logger, item.Missing.BlockNumber, item.Missing.TxId, item.Missing.Namespace, item.Missing.Collection);
        }

        LogRound(logger, channel.ChannelId, outcome.Stored, outcome.KeysWritten, outcome.StaleKeys, missing.Count - outcome.Stored);
        return outcome.Stored;
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "reconciled private data: block {BlockNumber}, transaction {TxId}, namespace {Namespace}, collection {Collection}")]
    private static partial void LogReconciled(ILogger logger, ulong blockNumber, string txId, string @namespace, string collection);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information,
        Message = "reconciliation of channel {Channel}: {Stored} collections stored, {Written} keys written into private state, {Stale} keys left out as a later block changed them, {Left} entries still missing")]
    private static partial void LogRound(ILogger logger, string channel, int stored, int written, int stale, int left);

    [LoggerMessage(EventId = 42, Level = LogLevel.Debug, Message = "reconciliation of channel {Channel}: no member peer had any of {Count} missing entries")]
    private static partial void LogNothingFetched(ILogger logger, string channel, int count);

    [LoggerMessage(EventId = 43, Level = LogLevel.Warning, Message = "private data reconciliation round failed: {Reason}")]
    private static partial void LogRoundFailed(ILogger logger, string reason);
}
