using Fabricish.Committer.Validation;
using Fabricish.Protos.Common;

namespace Fabricish.Committer.Pipeline;

/// <summary>The head starts on blocks the caller said come next (<see cref="BlockCommitter.Anticipate"/>): at most
/// two run, the oldest is dropped beyond that, and each is handed to the commit of its very block object or dropped.</summary>
internal sealed class AnticipatedBlocks
{
    private const int MaxAhead = 2;

    private readonly Lock _gate = new();
    private readonly List<BlockPrecheck> _running = new(MaxAhead + 1);

    /// <summary>Completes once every running head start has checked all it will (for tests).</summary>
    public Task Completion
    {
        get
        {
            lock (_gate)
            {
                return Task.WhenAll(_running.Select(p => p.Completion));
            }
        }
    }

    public void Add(BlockPrecheck precheck)
    {
        lock (_gate)
        {
            _running.Add(precheck);
            while (_running.Count > MaxAhead)
            {
                _ = _running[0].StopAsync();
                _running.RemoveAt(0);
            }
        }
    }

    /// <summary>The data hash a head start on this very <paramref name="block"/> object computed, or null.</summary>
    public byte[]? DataHashOf(Block block)
    {
        lock (_gate)
        {
            foreach (BlockPrecheck precheck in _running)
            {
                if (ReferenceEquals(precheck.Block, block))
                {
                    return precheck.DataHash;
                }
            }
        }

        return null;
    }

    /// <summary>The head start on <paramref name="block"/>, stopped, or null; head starts on this block's number or
    /// below that are for other block objects are dropped.</summary>
    public async Task<BlockPrecheck?> TakeAsync(Block block, ulong number)
    {
        BlockPrecheck? found = null;
        lock (_gate)
        {
            for (int i = _running.Count - 1; i >= 0; i--)
            {
                BlockPrecheck precheck = _running[i];
                if (ReferenceEquals(precheck.Block, block))
                {
                    found = precheck;
                }
                else if ((precheck.Block.Header?.Number ?? 0) > number)
                {
                    continue;
                }
                else
                {
                    _ = precheck.StopAsync();
                }

                _running.RemoveAt(i);
            }
        }

        if (found is not null)
        {
            await found.StopAsync().ConfigureAwait(false);
        }

        return found;
    }

    /// <summary>Stops and drops every head start: a config block was just validated, so the blocks after it are judged
    /// under the configuration it establishes, not the one the head starts resolved identities under.</summary>
    public void DropAll()
    {
        lock (_gate)
        {
            foreach (BlockPrecheck precheck in _running)
            {
                _ = precheck.StopAsync();
            }

            _running.Clear();
        }
    }
}
