using Fabricish.Chaincode.Shim;

namespace Fabricish.Samples.Tests;

/// <summary>Query results already in memory.</summary>
internal sealed class MemoryIterator<T>(IEnumerable<T> items) : IQueryIterator<T>
{
    private readonly Queue<T> _pending = new(items);

    public bool HasNext => _pending.Count > 0;

    public Task<T> NextAsync() => Task.FromResult(_pending.Dequeue());

    public Task CloseAsync()
    {
        _pending.Clear();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        while (_pending.Count > 0)
        {
            yield return await NextAsync();
        }
    }
}
