using Fabricish.Chaincode.Shim;

namespace Fabricish.Samples.Tests;

/// <summary>Query results already in memory.</summary>
internal sealed class MemoryIterator<T>(IEnumerable<T> items) : IQueryIterator<T>
{
    private readonly Queue<T> pending = new(items);

    public bool HasNext => pending.Count > 0;

    public Task<T> NextAsync() => Task.FromResult(pending.Dequeue());

    public Task CloseAsync()
    {
        pending.Clear();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        while (pending.Count > 0)
        {
            yield return await NextAsync();
        }
    }
}
