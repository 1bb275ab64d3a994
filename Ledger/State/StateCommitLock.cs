namespace Fabricish.Ledger.State;

/// <summary>A channel's commit lock, Fabric's commitRWLock: a simulation holds a read handle for its whole life and
/// the committer holds the write handle from before a block is appended until its state write is done, so a
/// simulation never reads a mix of two heights. Writers are preferred: once a commit waits, new readers queue
/// behind it, so a steady stream of proposals cannot starve the channel's commits. Readers queued behind a writer
/// are let in together when it releases, before the next writer, so commits cannot starve proposals either.
/// Not reentrant.</summary>
public sealed class StateCommitLock
{
    private readonly Lock gate = new();
    private readonly LinkedList<StateCommitLockWaiter> waitingReaders = new();
    private readonly LinkedList<StateCommitLockWaiter> waitingWriters = new();
    private int activeReaders;
    private bool writerActive;

    /// <summary>Readers holding the lock now.</summary>
    public int ActiveReaders
    {
        get
        {
            lock (gate)
            {
                return activeReaders;
            }
        }
    }

    /// <summary>Whether a writer holds the lock now.</summary>
    public bool IsWriteHeld
    {
        get
        {
            lock (gate)
            {
                return writerActive;
            }
        }
    }

    /// <summary>Commits waiting for the lock.</summary>
    public int WaitingWriters
    {
        get
        {
            lock (gate)
            {
                return waitingWriters.Count;
            }
        }
    }

    /// <summary>Simulations waiting for the lock.</summary>
    public int WaitingReaders
    {
        get
        {
            lock (gate)
            {
                return waitingReaders.Count;
            }
        }
    }

    public Task<StateCommitLockHandle> EnterReadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LinkedListNode<StateCommitLockWaiter> node;
        lock (gate)
        {
            if (!writerActive && waitingWriters.Count == 0)
            {
                activeReaders++;
                return Task.FromResult(new StateCommitLockHandle(this, write: false));
            }

            node = waitingReaders.AddLast(new StateCommitLockWaiter());
        }

        return WaitAsync(node, cancellationToken);
    }

    public Task<StateCommitLockHandle> EnterWriteAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LinkedListNode<StateCommitLockWaiter> node;
        lock (gate)
        {
            if (!writerActive && activeReaders == 0 && waitingWriters.Count == 0)
            {
                writerActive = true;
                return Task.FromResult(new StateCommitLockHandle(this, write: true));
            }

            node = waitingWriters.AddLast(new StateCommitLockWaiter());
        }

        return WaitAsync(node, cancellationToken);
    }

    internal void Release(bool write)
    {
        lock (gate)
        {
            if (write)
            {
                writerActive = false;
                GrantWaiting(readersFirst: true);
            }
            else
            {
                activeReaders--;
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
        lock (gate)
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
        if (writerActive)
        {
            return;
        }

        if (readersFirst || waitingWriters.Count == 0)
        {
            while (waitingReaders.First is { } reader)
            {
                waitingReaders.RemoveFirst();
                activeReaders++;
                reader.Value.Granted.SetResult(new StateCommitLockHandle(this, write: false));
            }
        }

        if (activeReaders == 0 && waitingWriters.First is { } writer)
        {
            waitingWriters.RemoveFirst();
            writerActive = true;
            writer.Value.Granted.SetResult(new StateCommitLockHandle(this, write: true));
        }
    }
}
