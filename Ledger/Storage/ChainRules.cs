using Fabricish.Channels.Blocks;
using Fabricish.Protos.Common;

namespace Fabricish.Ledger.Storage;

/// <summary>What a block must satisfy to extend the chain, shared by appends and by recovery scans so a
/// recovered store holds exactly what appends would have accepted.</summary>
internal static class ChainRules
{
    /// <summary>Null when <paramref name="block"/> extends a chain of <paramref name="height"/> blocks whose last
    /// header hash is <paramref name="lastHeaderHash"/>; otherwise why not. As in Fabric, the genesis block's
    /// previous hash is not checked (there is nothing to chain to).</summary>
    public static string? Refusal(Block block, ulong height, ReadOnlySpan<byte> lastHeaderHash) =>
        Refusal(block, height, lastHeaderHash, [], dataHashKnown: false);

    /// <summary>As <see cref="Refusal(Block, ulong, ReadOnlySpan{byte})"/>, comparing the header's data hash with
    /// <paramref name="dataHash"/>, the hash of the block's data its caller computed, instead of hashing the data again.</summary>
    public static string? Refusal(Block block, ulong height, ReadOnlySpan<byte> lastHeaderHash, ReadOnlySpan<byte> dataHash) =>
        Refusal(block, height, lastHeaderHash, dataHash, dataHashKnown: true);

    private static string? Refusal(Block block, ulong height, ReadOnlySpan<byte> lastHeaderHash, ReadOnlySpan<byte> dataHash, bool dataHashKnown)
    {
        if (block.Header is not { } header)
        {
            return $"block {height} expected, got a block without header";
        }

        if (header.Number != height)
        {
            return $"block {height} expected, got {header.Number}";
        }

        if (height > 0 && !header.PreviousHash.Span.SequenceEqual(lastHeaderHash))
        {
            return $"block {height} previous hash {Convert.ToHexStringLower(header.PreviousHash.Span)} "
                + $"does not match hash {Convert.ToHexStringLower(lastHeaderHash)} of block {height - 1}";
        }

        if (!dataHashKnown)
        {
            dataHash = BlockHashing.DataHash(block.Data ?? new BlockData());
        }

        if (!header.DataHash.Span.SequenceEqual(dataHash))
        {
            return $"block {height} data hash {Convert.ToHexStringLower(header.DataHash.Span)} "
                + $"does not match its data (hash {Convert.ToHexStringLower(dataHash)})";
        }

        return null;
    }

    /// <summary>The tx id of each data entry, in order.</summary>
    public static string[] TxIds(Block block)
    {
        if (block.Data is not { } data)
        {
            return [];
        }

        var ids = new string[data.Data.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = TxIdReader.Read(data.Data[i].Span);
        }

        return ids;
    }
}
