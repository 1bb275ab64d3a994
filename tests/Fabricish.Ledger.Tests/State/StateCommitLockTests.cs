using Fabricish.Ledger.State;

namespace Fabricish.Ledger.Tests.State;

public sealed class StateCommitLockTests
{
    // Only a guard against a hang: every await below is expected to complete at once.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Readers_hold_the_lock_together()
    {
        var commitLock = new StateCommitLock();

        Task<StateCommitLockHandle> first = commitLock.EnterReadAsync();
        Task<StateCommitLockHandle> second = commitLock.EnterReadAsync();

        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(second.IsCompletedSuccessfully);
        Assert.Equal(2, commitLock.ActiveReaders);
        (await first).Dispose();
        (await second).Dispose();
        Assert.Equal(0, commitLock.ActiveReaders);
    }

    [Fact]
    public async Task A_writer_waits_until_every_reader_has_released()
    {
        var commitLock = new StateCommitLock();
        StateCommitLockHandle first = await commitLock.EnterReadAsync();
        StateCommitLockHandle second = await commitLock.EnterReadAsync();

        Task<StateCommitLockHandle> writer = commitLock.EnterWriteAsync();
        Assert.False(writer.IsCompleted);
        first.Dispose();
        Assert.False(writer.IsCompleted);
        second.Dispose();

        using StateCommitLockHandle held = await writer.WaitAsync(Hang);
        Assert.True(held.IsWrite);
        Assert.True(commitLock.IsWriteHeld);
    }

    [Fact]
    public async Task A_reader_waits_while_a_writer_holds_the_lock()
    {
        var commitLock = new StateCommitLock();
        StateCommitLockHandle writer = await commitLock.EnterWriteAsync();

        Task<StateCommitLockHandle> reader = commitLock.EnterReadAsync();
        Assert.False(reader.IsCompleted);
        writer.Dispose();

        using StateCommitLockHandle held = await reader.WaitAsync(Hang);
        Assert.False(held.IsWrite);
        Assert.False(commitLock.IsWriteHeld);
    }

    [Fact]
    public async Task New_readers_queue_behind_a_waiting_writer()
    {
        var commitLock = new StateCommitLock();
        StateCommitLockHandle early = await commitLock.EnterReadAsync();
        Task<StateCommitLockHandle> writer = commitLock.EnterWriteAsync();

        Task<StateCommitLockHandle> late = commitLock.EnterReadAsync();
        Assert.False(late.IsCompleted);
        early.Dispose();
        StateCommitLockHandle write = await writer.WaitAsync(Hang);
        Assert.False(late.IsCompleted);
        write.Dispose();

        using StateCommitLockHandle read = await late.WaitAsync(Hang);
        Assert.Equal(1, commitLock.ActiveReaders);
    }

    [Fact]
    public async Task Readers_queued_behind_a_writer_enter_before_the_next_writer()
    {
        var commitLock = new StateCommitLock();
        StateCommitLockHandle firstWriter = await commitLock.EnterWriteAsync();
        Task<StateCommitLockHandle> reader = commitLock.EnterReadAsync();
        Task<StateCommitLockHandle> secondWriter = commitLock.EnterWriteAsync();

        firstWriter.Dispose();
        StateCommitLockHandle read = await reader.WaitAsync(Hang);
        Assert.False(secondWriter.IsCompleted);
        read.Dispose();

        using StateCommitLockHandle write = await secondWriter.WaitAsync(Hang);
        Assert.True(commitLock.IsWriteHeld);
    }

    [Fact]
    public async Task A_cancelled_writer_takes_nothing_and_lets_the_readers_behind_it_in()
    {
        var commitLock = new StateCommitLock();
        StateCommitLockHandle early = await commitLock.EnterReadAsync();
        using var cancel = new CancellationTokenSource();
        Task<StateCommitLockHandle> writer = commitLock.EnterWriteAsync(cancel.Token);
        Task<StateCommitLockHandle> late = commitLock.EnterReadAsync();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer.WaitAsync(Hang));
        StateCommitLockHandle read = await late.WaitAsync(Hang);
        Assert.False(commitLock.IsWriteHeld);
        Assert.Equal(0, commitLock.WaitingWriters);
        Assert.Equal(2, commitLock.ActiveReaders);
        early.Dispose();
        read.Dispose();
        Assert.True(commitLock.EnterWriteAsync().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_cancelled_reader_takes_nothing()
    {
        var commitLock = new StateCommitLock();
        StateCommitLockHandle writer = await commitLock.EnterWriteAsync();
        using var cancel = new CancellationTokenSource();
        Task<StateCommitLockHandle> reader = commitLock.EnterReadAsync(cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.WaitAsync(Hang));
        writer.Dispose();

        Assert.Equal(0, commitLock.ActiveReaders);
        Assert.True(commitLock.EnterWriteAsync().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task An_already_cancelled_token_is_refused_without_taking_the_lock()
    {
        var commitLock = new StateCommitLock();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => commitLock.EnterReadAsync(new CancellationToken(canceled: true)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => commitLock.EnterWriteAsync(new CancellationToken(canceled: true)));

        Assert.Equal(0, commitLock.ActiveReaders);
        Assert.False(commitLock.IsWriteHeld);
        Assert.True(commitLock.EnterWriteAsync().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Disposing_a_handle_twice_releases_it_once()
    {
        var commitLock = new StateCommitLock();
        StateCommitLockHandle first = await commitLock.EnterReadAsync();
        using StateCommitLockHandle second = await commitLock.EnterReadAsync();

        first.Dispose();
        first.Dispose();

        Assert.Equal(1, commitLock.ActiveReaders);
    }
}
