namespace Fabricish.Ledger.State;

/// <summary>A held read or write side of a <see cref="StateCommitLock"/>; disposing it releases that side once.</summary>
public sealed class StateCommitLockHandle : IDisposable
{
    private StateCommitLock? owner;

    internal StateCommitLockHandle(StateCommitLock owner, bool write)
    {
        this.owner = owner;
        IsWrite = write;
    }

    public bool IsWrite { get; }

    public void Dispose() => Interlocked.Exchange(ref owner, null)?.Release(IsWrite);
}
