using Fabricish.Ledger.State;
using Fabricish.Ledger.State.CouchDb;

namespace Fabricish.Ledger.Tests.State;

public sealed class CouchReadBatcherTests
{
    [Fact]
    public async Task A_read_with_none_in_flight_goes_out_at_once_with_its_own_keys()
    {
        var database = new GatedDatabase();
        var batcher = new CouchReadBatcher(database.ReadAsync);

        Task<StoredDocument[]> reading = batcher.ReadAsync(["a", "b"], CancellationToken.None);
        database.Release();

        Assert.Equal(["a@1", "b@1"], Revisions(await reading));
        Assert.Equal(["a,b"], database.Requests);
    }

    [Fact]
    public async Task Reads_that_arrive_while_one_is_in_flight_go_out_together_and_each_gets_its_own_keys_in_its_order()
    {
        var database = new GatedDatabase();
        var batcher = new CouchReadBatcher(database.ReadAsync);
        Task<StoredDocument[]> first = batcher.ReadAsync(["a"], CancellationToken.None);
        Task<StoredDocument[]> second = batcher.ReadAsync(["c", "b"], CancellationToken.None);
        Task<StoredDocument[]> third = batcher.ReadAsync(["b", "d"], CancellationToken.None);

        database.Release();
        Assert.Equal(["a@1"], Revisions(await first));
        database.Release();

        Assert.Equal(["c@2", "b@2"], Revisions(await second));
        Assert.Equal(["b@2", "d@2"], Revisions(await third));
        Assert.Equal(["a", "c,b,d"], database.Requests);
    }

    [Fact]
    public async Task A_failed_gathered_request_fails_each_of_its_reads_and_the_next_read_goes_out_again()
    {
        var database = new GatedDatabase();
        var batcher = new CouchReadBatcher(database.ReadAsync);
        Task<StoredDocument[]> first = batcher.ReadAsync(["a"], CancellationToken.None);
        Task<StoredDocument[]> second = batcher.ReadAsync(["b"], CancellationToken.None);
        Task<StoredDocument[]> third = batcher.ReadAsync(["c"], CancellationToken.None);
        database.Release();
        await first;

        database.Fail(new HttpRequestException("couchdb is down"));

        Assert.Equal("couchdb is down", (await Assert.ThrowsAsync<HttpRequestException>(() => second)).Message);
        Assert.Equal("couchdb is down", (await Assert.ThrowsAsync<HttpRequestException>(() => third)).Message);
        Task<StoredDocument[]> later = batcher.ReadAsync(["d"], CancellationToken.None);
        database.Release();
        Assert.Equal(["d@3"], Revisions(await later));
    }

    [Fact]
    public async Task A_waiting_read_that_is_cancelled_does_not_cancel_the_gathered_request_of_the_others()
    {
        var database = new GatedDatabase();
        var batcher = new CouchReadBatcher(database.ReadAsync);
        using var cancel = new CancellationTokenSource();
        Task<StoredDocument[]> first = batcher.ReadAsync(["a"], CancellationToken.None);
        Task<StoredDocument[]> cancelled = batcher.ReadAsync(["b"], cancel.Token);
        Task<StoredDocument[]> kept = batcher.ReadAsync(["c"], CancellationToken.None);

        await cancel.CancelAsync();
        database.Release();
        database.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(["a@1"], Revisions(await first));
        Assert.Equal(["c@2"], Revisions(await kept));
        Assert.Equal(["a", "b,c"], database.Requests);
    }

    private static string[] Revisions(StoredDocument[] documents) => [.. documents.Select(d => d.Revision ?? "<none>")];

    /// <summary>Answers each request only when the test releases it (or fails it), in the order they were made; the
    /// revision names the key and the request's number.</summary>
    private sealed class GatedDatabase
    {
        private readonly Queue<TaskCompletionSource> _gates = new();
        private readonly Lock _lock = new();
        private readonly SemaphoreSlim _made = new(0);
        private Exception? _failure;

        public List<string> Requests { get; } = [];

        public async Task<StoredDocument[]> ReadAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
        {
            TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
            int number;
            lock (_lock)
            {
                Requests.Add(string.Join(",", keys));
                number = Requests.Count;
                _gates.Enqueue(gate);
            }

            _made.Release();
            await gate.Task.WaitAsync(cancellationToken);
            Exception? failure = Interlocked.Exchange(ref _failure, null);
            if (failure is not null)
            {
                throw failure;
            }

            return [.. keys.Select(k => new StoredDocument(null, $"{k}@{number}"))];
        }

        public void Release() => Next().TrySetResult();

        public void Fail(Exception failure)
        {
            _failure = failure;
            Next().TrySetResult();
        }

        private TaskCompletionSource Next()
        {
            // The request to answer may not have been made yet: the batcher sends the next one once the last returned.
            if (!_made.Wait(TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException("no request was made");
            }

            lock (_lock)
            {
                return _gates.Dequeue();
            }
        }
    }
}
