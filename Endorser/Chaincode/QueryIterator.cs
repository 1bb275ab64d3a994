using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Endorser.Chaincode;

/// <summary>An open query of a transaction, paged to the chaincode by iterator id (Fabric's QueryResponseBuilder):
/// each page pulls at most maxResultLimit results, so a chaincode that stops early leaves the rest unread.</summary>
internal sealed class QueryIterator : IAsyncDisposable
{
    private readonly IAsyncEnumerator<ByteString> _results;

    public QueryIterator(string id, IAsyncEnumerator<ByteString> results)
    {
        Id = id;
        _results = results;
    }

    public string Id { get; }

    /// <summary>The next page; <c>has_more</c> is false once the results ran out.</summary>
    public async Task<QueryResponse> NextPageAsync(int maxResults)
    {
        var page = new QueryResponse { Id = Id };
        while (page.Results.Count < maxResults)
        {
            if (!await _results.MoveNextAsync().ConfigureAwait(false))
            {
                return page;
            }

            page.Results.Add(new QueryResultBytes { ResultBytes = _results.Current });
        }

        page.HasMore = true;
        return page;
    }

    public ValueTask DisposeAsync() => _results.DisposeAsync();
}
