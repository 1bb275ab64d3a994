namespace Fabricish.Peer.Events;

/// <summary>The callers waiting for one transaction id; they share one completion so a block answers them all at once.
/// Guarded by its <see cref="CommitWatch"/>'s lock.</summary>
internal sealed class PendingCommit
{
    public TaskCompletionSource<CommitStatus> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Waiters { get; set; }
}
