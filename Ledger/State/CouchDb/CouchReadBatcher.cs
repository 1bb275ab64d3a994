namespace Fabricish.Ledger.State.CouchDb;

/// <summary>
/// Reads of one database's documents that miss the committed-state cache, gathered while a read is in flight: the
/// first read goes out at once; reads that arrive while it runs wait for it and then go out together in one _all_docs
/// request, and so on. An idle peer's read costs one round trip as before; under load the database answers one request
/// for many endorsements instead of one each (a create reads a key nobody has read before, on every endorsing peer).
/// </summary>
internal sealed class CouchReadBatcher(Func<IReadOnlyList<string>, CancellationToken, Task<StoredDocument[]>> read)
{
    private readonly Lock _gate = new();
    private List<QueuedRead>? _queued;
    private bool _reading;

    /// <summary>The documents of <paramref name="keys"/>, in the same order, as <see cref="CouchDatabase.ReadValuesAsync"/>
    /// returns them.</summary>
    public async Task<StoredDocument[]> ReadAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        QueuedRead? queued = null;
        lock (_gate)
        {
            if (_reading)
            {
                queued = new QueuedRead(keys);
                (_queued ??= []).Add(queued);
            }
            else
            {
                _reading = true;
            }
        }

        if (queued is not null)
        {
            // The gathered request runs whether or not this caller still waits: other reads ride on it.
            return await queued.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await read(keys, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _ = DrainAsync();
        }
    }

    /// <summary>Sends what queued meanwhile, one request at a time, until nothing waits.</summary>
    private async Task DrainAsync()
    {
        while (true)
        {
            List<QueuedRead>? batch;
            lock (_gate)
            {
                batch = _queued;
                _queued = null;
                if (batch is null)
                {
                    _reading = false;
                    return;
                }
            }

            await ReadTogetherAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task ReadTogetherAsync(List<QueuedRead> batch)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (QueuedRead queued in batch)
        {
            foreach (string key in queued.Keys)
            {
                if (positions.TryAdd(key, keys.Count))
                {
                    keys.Add(key);
                }
            }
        }

        StoredDocument[] documents;
        try
        {
            documents = await read(keys, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            foreach (QueuedRead queued in batch)
            {
                queued.Result.TrySetException(e);
            }

            return;
        }

        foreach (QueuedRead queued in batch)
        {
            var mine = new StoredDocument[queued.Keys.Count];
            for (int i = 0; i < mine.Length; i++)
            {
                mine[i] = documents[positions[queued.Keys[i]]];
            }

            queued.Result.TrySetResult(mine);
        }
    }

    private sealed class QueuedRead(IReadOnlyList<string> keys)
    {
        public IReadOnlyList<string> Keys { get; } = keys;

        public TaskCompletionSource<StoredDocument[]> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
