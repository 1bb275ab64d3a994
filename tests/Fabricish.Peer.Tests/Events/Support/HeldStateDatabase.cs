using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Testing.State;

namespace Fabricish.Peer.Tests.Events.Support;

/// <summary>An in-memory state database whose writes can be held at the door, as a slow CouchDB would keep a block's
/// state write in progress, or slowed by a delay.</summary>
internal sealed class HeldStateDatabase() : ForwardingStateDatabase(new InMemoryStateDatabase())
{
    /// <summary>When set, writes wait for it before reaching the database.</summary>
    public Task? Hold { get; set; }

    /// <summary>Added before every write.</summary>
    public TimeSpan Delay { get; set; }

    public override async Task ApplyUpdatesAsync(UpdateBatch batch, Height savepoint, CancellationToken cancellationToken = default, Action? afterStateWrite = null, bool deferSavepoint = false)
    {
        if (Hold is { } hold)
        {
            await hold.ConfigureAwait(false);
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken).ConfigureAwait(false);
        }

        await base.ApplyUpdatesAsync(batch, savepoint, cancellationToken, afterStateWrite, deferSavepoint).ConfigureAwait(false);
    }
}
