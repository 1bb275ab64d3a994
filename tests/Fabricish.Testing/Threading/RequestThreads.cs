using System.Collections.Concurrent;

namespace Fabricish.Testing.Threading;

/// <summary>A fixed number of threads taking work in arrival order, as a node's saturated thread pool: requests and
/// the completions of the node's own I/O queue behind each other, and a request that blocks holds its thread until
/// it returns. Unlike capping the process's pool, it starves only what the test runs on it.</summary>
public sealed class RequestThreads : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> _queue = [];

    public RequestThreads(int threads)
    {
        for (int i = 0; i < threads; i++)
        {
            // Background threads: a test that shows a deadlock must not keep the test host alive.
            new Thread(Work) { IsBackground = true, Name = $"request-thread-{i}" }.Start();
        }
    }

    public override int MaximumConcurrencyLevel => int.MaxValue;

    /// <summary>Runs <paramref name="work"/> on one of the threads once those queued before it have started.</summary>
    public Task<T> Run<T>(Func<Task<T>> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.None, this).Unwrap();

    /// <summary>Queues <paramref name="action"/> behind the work already waiting.</summary>
    public Task Post(Action action) => Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.None, this);

    /// <summary>Lets the threads end once the queue is drained; threads still blocked end with the test host.</summary>
    public void Dispose() => _queue.CompleteAdding();

    protected override void QueueTask(Task task) => _queue.Add(task);

    // Queued work runs in order on the threads only, as a pool's queue does.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => [.. _queue];

    private void Work()
    {
        foreach (Task task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }
}
