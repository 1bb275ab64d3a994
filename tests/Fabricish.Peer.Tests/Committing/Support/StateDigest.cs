using System.Security.Cryptography;
using System.Text;
using Fabricish.Channels.Blocks;
using Fabricish.Ledger.State;
using Fabricish.Peer.Channels;
using Fabricish.Protos.Common;

namespace Fabricish.Peer.Tests.Committing.Support;

/// <summary>A peer's channel as comparable text: every key, value and version of the test chaincode and of the
/// history index, the savepoint, and each block's header hash with its validation codes. Two peers that applied the
/// same blocks the same way produce the same text; a block applied twice or skipped changes it.</summary>
internal static class StateDigest
{
    public static async Task<string> OfAsync(PeerChannel channel)
    {
        var text = new StringBuilder();
        text.Append("savepoint=").Append(await channel.State.GetLatestSavepointAsync()).Append('\n');
        foreach (string ns in new[] { PeerTestNetwork.Chaincode, "_history" })
        {
            await foreach (VersionedKV kv in channel.State.GetStateRangeAsync(ns, "", ""))
            {
                text.Append(ns).Append('/').Append(kv.Key).Append('=').Append(Encoding.UTF8.GetString(kv.VersionedValue.Value))
                    .Append('@').Append(kv.VersionedValue.Version).Append('\n');
            }
        }

        for (ulong number = 0; number < channel.Height; number++)
        {
            Block block = channel.Blocks.GetBlock(number)!;
            text.Append("block ").Append(number).Append(' ').Append(Convert.ToHexStringLower(BlockHashing.HeaderHash(block.Header)))
                .Append(' ').Append(Convert.ToHexStringLower(block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].Span)).Append('\n');
        }

        return text.ToString();
    }

    public static string Hash(string digest) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(digest)));
}
