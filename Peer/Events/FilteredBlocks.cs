using System.Collections.Concurrent;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;

namespace Fabricish.Peer.Events;

/// <summary>Builds each block's filtered response once for all DeliverFiltered subscribers of a channel: listeners
/// following the chain ask for the same new block at about the same time, so a few recent blocks per channel are
/// kept. The responses are never mutated after they are cached, so concurrent streams may serialize them.</summary>
internal sealed class FilteredBlocks
{
    private const int RecentBlocks = 32;

    private readonly ConcurrentDictionary<string, CachedFilteredBlock?[]> _recent = new(StringComparer.Ordinal);

    /// <returns>The DeliverResponse carrying the block's filtered form, or null with the reason it could not be built.</returns>
    public DeliverResponse? ResponseFor(string channelId, Block block, out string? error)
    {
        CachedFilteredBlock?[] slots = _recent.GetOrAdd(channelId, static _ => new CachedFilteredBlock?[RecentBlocks]);
        ulong number = block.Header.Number;
        int slot = (int)(number % RecentBlocks);
        if (Volatile.Read(ref slots[slot]) is { } cached && cached.Number == number && cached.DataHash.Equals(block.Header.DataHash))
        {
            error = null;
            return cached.Response;
        }

        // Two streams may build the same block concurrently; either result is correct and the last one stays.
        if (FilteredBlockBuilder.Build(block, out error) is not { } filtered)
        {
            return null;
        }

        var response = new DeliverResponse { FilteredBlock = filtered };
        Volatile.Write(ref slots[slot], new CachedFilteredBlock(number, block.Header.DataHash, response));
        return response;
    }

    /// <summary>Builds without caching, for blocks whose data was stripped (HEADER_WITH_SIG), which share their
    /// number and data hash with the full block.</summary>
    public static DeliverResponse? Uncached(Block block, out string? error) =>
        FilteredBlockBuilder.Build(block, out error) is { } filtered ? new DeliverResponse { FilteredBlock = filtered } : null;
}
