using Fabricish.Peer.Channels;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Events;

/// <summary>Answers commit-status waits from the block store's txid index and, for transactions not yet committed,
/// from one <see cref="CommitWatch"/> per channel started on the first such wait.</summary>
internal sealed class CommitStatusWaiter(IPeerChannels channels, ILogger<CommitStatusWaiter> logger) : ICommitStatusWaiter, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CommitWatch> _watches = new(StringComparer.Ordinal);
    private bool _disposed;

    public async Task<CommitStatus> WaitAsync(string channelId, string txId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        ArgumentNullException.ThrowIfNull(txId);
        if (!channels.TryGet(channelId, out IPeerLedger? ledger))
        {
            throw new ChannelNotJoinedException(channelId);
        }

        // Most waits come after the commit (the CLI, a gateway retry): answered without registering anything.
        if (CommitWatch.Committed(ledger, txId) is { } committed)
        {
            return committed;
        }

        return await Watch(channelId, ledger).WaitAsync(txId, cancellationToken).ConfigureAwait(false);
    }

    private CommitWatch Watch(string channelId, IPeerLedger ledger)
    {
        CommitWatch? replaced = null;
        CommitWatch watch;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_watches.TryGetValue(channelId, out CommitWatch? existing) && existing.Store == ledger.Blocks && !existing.HasEnded)
            {
                return existing;
            }

            // The channel's store was reopened or closed since: follow the one the ledger holds now.
            replaced = existing;
            watch = new CommitWatch(channelId, ledger, logger);
            _watches[channelId] = watch;
        }

        replaced?.Dispose();
        return watch;
    }

    public void Dispose()
    {
        CommitWatch[] watches;
        lock (_gate)
        {
            _disposed = true;
            watches = [.. _watches.Values];
            _watches.Clear();
        }

        foreach (CommitWatch watch in watches)
        {
            watch.Dispose();
        }
    }
}
