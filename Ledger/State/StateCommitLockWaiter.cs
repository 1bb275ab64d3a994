namespace Fabricish.Ledger.State;

/// <summary>A reader or writer queued on a <see cref="StateCommitLock"/>.</summary>
internal sealed class StateCommitLockWaiter
{
    // Continuations run off the thread that grants, which holds the lock's gate.
    public TaskCompletionSource<StateCommitLockHandle> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
