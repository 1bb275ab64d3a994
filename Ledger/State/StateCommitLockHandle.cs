namespace Fabricish.Ledger.State;

/// <summary>A held read or write side of a <see cref="StateCommitLock"/>; disposing it releases that side once.</summary>
public sealed class StateCommitLockHandle : IDisposable
{
    private StateCommitLock? _owner;

    internal StateCommitLockHandle(StateCommitLock owner, bool write)
    {
        _owner = owner;
        IsWrite = write;
    }

    public bool IsWrite { get; }

    public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Release(IsWrite);
}
