namespace Fabricish.Committer.Pipeline;

/// <summary>The height up to which a channel's blocks are committed in full (durable in the block store, state
/// written, history recorded), and a signal for those who follow it: events, commit-status waits and the committer's
/// own back-pressure.</summary>
internal sealed class CommitProgress
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = NewSignal();
    private ulong _height;
    private Exception? _fault;

    public ulong Height => Volatile.Read(ref _height);

    /// <summary>Why the state writes stopped, until recovery clears it.</summary>
    public Exception? Fault
    {
        get
        {
            lock (_gate)
            {
                return _fault;
            }
        }
    }

    /// <summary>Completed at the next change of height or fault. Take it before looking at the height, so a change
    /// in between completes this very signal.</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    public void Advance(ulong height) => Change(() => Volatile.Write(ref _height, Math.Max(_height, height)));

    /// <summary>Sets the height outright: after recovery, state is level with the block store.</summary>
    public void Reset(ulong height) => Change(() =>
    {
        Volatile.Write(ref _height, height);
        _fault = null;
    });

    public void Fail(Exception fault) => Change(() => _fault = fault);

    /// <summary>Wakes every follower without a change, so they notice the committer was closed.</summary>
    public void Wake() => Change(static () => { });

    /// <summary>Waits until <paramref name="height"/> blocks are committed; throws the fault that stopped the state
    /// writes if one did first.</summary>
    public async Task WaitForAsync(ulong height, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed = Changed;
            if (Height >= height)
            {
                return;
            }

            if (Fault is { } fault)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fault);
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Change(Action change)
    {
        TaskCompletionSource completed;
        lock (_gate)
        {
            change();
            completed = _changed;
            _changed = NewSignal();
        }

        completed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
