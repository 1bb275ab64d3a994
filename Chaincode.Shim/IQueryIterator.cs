namespace Fabricish.Chaincode.Shim;

/// <summary>Results of a range, rich or history query, fetched from the peer a page at a time
/// (QUERY_STATE_NEXT). Dispose it (or call <see cref="CloseAsync"/>) to release the peer's iterator early
/// (QUERY_STATE_CLOSE); the peer releases leftovers when the transaction ends.</summary>
public interface IQueryIterator<T> : IAsyncEnumerable<T>, IAsyncDisposable
{
    /// <summary>True while a record is buffered or the peer reported more.</summary>
    bool HasNext { get; }

    Task<T> NextAsync();

    Task CloseAsync();
}
