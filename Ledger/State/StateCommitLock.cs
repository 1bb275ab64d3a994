namespace Fabricish.Ledger.State;

/// <summary>A channel's commit lock, Fabric's commitRWLock: a simulation holds a read handle for its whole life and
/// the committer holds the write handle from before a block is appended until its state write is done, so a
/// simulation never reads a mix of two heights. Writers are preferred: once a commit waits, new readers queue
/// behind it, so a steady stream of proposals cannot starve the channel's commits. Readers queued behind a writer
/// are let in together when it releases, before the next writer, so commits cannot starve proposals either.
/// Not reentrant.</summary>
public sealed class StateCommitLock
{
    private readonly Lock _gate = new();
    private readonly LinkedList<StateCommitLockWaiter> _waitingReaders = new();
    private readonly LinkedList<StateCommitLockWaiter> _waitingWriters = new();
    private int _activeReaders;
    private bool _writerActive;

    /// <summary>Readers holding the lock now.</summary>
    public int ActiveReaders
    {
        get
        {
            lock (_gate)
            {
                return _activeReaders;
            }
        }
    }

    /// <summary>Whether a writer holds the lock now.</summary>
    public bool IsWriteHeld
    {
        get
        {
            lock (_gate)
            {
                return _writerActive;
            }
        }
    }

    /// <summary>Commits waiting for the lock.</summary>
    public int WaitingWriters
    {
        get
        {
            lock (_gate)
            {
                return _waitingWriters.Count;
            }
        }
    }

    /// <summary>Simulations waiting for the lock.</summary>
    public int WaitingReaders
    {
        get
        {
            lock (_gate)
            {
                return _waitingReaders.Count;
            }
        }
    }

    public Task<StateCommitLockHandle> EnterReadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LinkedListNode<StateCommitLockWaiter> node;
        lock (_gate)
        {
            if (!_writerActive && _waitingWriters.Count == 0)
            {
                _activeReaders++;
                return Task.FromResult(new StateCommitLockHandle(this, write: false));
            }

            node = _waitingReaders.AddLast(new StateCommitLockWaiter());
        }

        return WaitAsync(node, cancellationToken);
    }

    public Task<StateCommitLockHandle> EnterWriteAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LinkedListNode<StateCommitLockWaiter> node;
        lock (_gate)
        {
            if (!_writerActive && _activeReaders == 0 && _waitingWriters.Count == 0)
            {
                _writerActive = true;
                return Task.FromResult(new StateCommitLockHandle(this, write: true));
            }

            node = _waitingWriters.AddLast(new StateCommitLockWaiter());
        }

        return WaitAsync(node, cancellationToken);
    }

    internal void Release(bool write)
    {
        lock (_gate)
        {
            if (write)
            {
                _writerActive = false;
                GrantWaiting(readersFirst: true);
            }
            else
            {
                _activeReaders--;
                GrantWaiting(readersFirst: false);
            }
        }
    }

    private async Task<StateCommitLockHandle> WaitAsync(LinkedListNode<StateCommitLockWaiter> node, CancellationToken cancellationToken)
    {
        // The registration runs Cancel synchronously if the token fired after the check above; Cancel only removes a
        // waiter still queued, so a grant that won the race is returned rather than lost.
        using CancellationTokenRegistration registration = cancellationToken.Register(() => Cancel(node, cancellationToken));
        return await node.Value.Granted.Task.ConfigureAwait(false);
    }

    private void Cancel(LinkedListNode<StateCommitLockWaiter> node, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (node.List is not { } queue)
            {
                return;
            }

            queue.Remove(node);
            node.Value.Granted.TrySetCanceled(cancellationToken);

            // A writer that gives up may have been all that held queued readers back.
            GrantWaiting(readersFirst: false);
        }
    }

    private void GrantWaiting(bool readersFirst)
    {
        if (_writerActive)
        {
            return;
        }

        if (readersFirst || _waitingWriters.Count == 0)
        {
            while (_waitingReaders.First is { } reader)
            {
                _waitingReaders.RemoveFirst();
                _activeReaders++;
                reader.Value.Granted.SetResult(new StateCommitLockHandle(this, write: false));
            }
        }

        if (_activeReaders == 0 && _waitingWriters.First is { } writer)
        {
            _waitingWriters.RemoveFirst();
            _writerActive = true;
            writer.Value.Granted.SetResult(new StateCommitLockHandle(this, write: true));
        }
    }
}
