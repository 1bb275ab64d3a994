namespace Fabricish.Ledger.Tests.State;

/// <summary>Counts _bulk_docs replies reporting a document update conflict, so a test can prove the conflict path ran,
/// the bulk reads (_all_docs) and savepoint reads, so a test can prove a read was or was not needed; can hold savepoint
/// writes in flight.</summary>
internal sealed class ConflictCountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _conflicts;
    private int _bulkReads;
    private int _savepointReads;

    public int Conflicts => Volatile.Read(ref _conflicts);

    public int BulkReads => Volatile.Read(ref _bulkReads);

    public int SavepointReads => Volatile.Read(ref _savepointReads);

    /// <summary>When set, a savepoint PUT waits for it before reaching the server.</summary>
    public Task? HoldSavepointWrites { get; set; }

    /// <summary>Completed when a savepoint PUT arrives while <see cref="HoldSavepointWrites"/> is set.</summary>
    public TaskCompletionSource SavepointWriteReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.OriginalString.Contains("_all_docs", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _bulkReads);
        }

        if (request.Method == HttpMethod.Get && request.RequestUri!.OriginalString.EndsWith("statedb_savepoint", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _savepointReads);
        }

        if (request.Method == HttpMethod.Put && HoldSavepointWrites is { } hold
            && request.RequestUri!.OriginalString.EndsWith("statedb_savepoint", StringComparison.Ordinal))
        {
            SavepointWriteReached.TrySetResult();
            await hold.WaitAsync(cancellationToken);
        }

        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (request.RequestUri!.OriginalString.Contains("_bulk_docs", StringComparison.Ordinal)
            && body.Contains("\"conflict\"", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _conflicts);
        }

        return response;
    }
}
