namespace Fabricish.Ledger.Tests.State;

/// <summary>Counts _bulk_docs replies reporting a document update conflict, so a test can prove the conflict path ran.</summary>
internal sealed class ConflictCountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int conflicts;

    public int Conflicts => Volatile.Read(ref conflicts);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (request.RequestUri!.OriginalString.Contains("_bulk_docs", StringComparison.Ordinal)
            && body.Contains("\"conflict\"", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref conflicts);
        }

        return response;
    }
}
