using System.Security.Cryptography;
using System.Text;
using Fabricish.Channels.Blocks;
using Fabricish.Ledger.State;
using Fabricish.Peer.Channels;
using Fabricish.Protos.Common;
using Fabricish.Testing;

namespace Fabricish.Peer.Tests.Committing.Support;

/// <summary>A peer's channel as comparable text, once every stored block is committed: every key, value and version
/// of the test chaincode, the savepoint, the history database's savepoint and heights of each key, and each block's
/// header hash with its validation codes. Two peers that applied the same blocks the same way produce the same text;
/// a block applied twice or skipped changes it.</summary>
internal static class StateDigest
{
    public static async Task<string> OfAsync(PeerChannel channel)
    {
        // Blocks in the store may still be on their way to state and history.
        await channel.Committer.WaitForCommittedHeightAsync(channel.Height).WaitAsync(TimeSpan.FromSeconds(30));
        var text = new StringBuilder();
        text.Append("savepoint=").Append(await channel.State.GetLatestSavepointAsync()).Append('\n');
        await foreach (VersionedKV kv in channel.State.GetStateRangeAsync(TestNetwork.Chaincode, "", ""))
        {
            text.Append(kv.Key).Append('=').Append(Encoding.UTF8.GetString(kv.VersionedValue.Value))
                .Append('@').Append(kv.VersionedValue.Version).Append('\n');
        }

        text.Append("history savepoint=").Append(channel.Blocks.History.Savepoint).Append('\n');
        foreach (string key in channel.Blocks.History.GetKeys(TestNetwork.Chaincode))
        {
            text.Append("history ").Append(key).Append(" =");
            foreach (Height height in channel.Blocks.History.GetHeights(TestNetwork.Chaincode, key))
            {
                text.Append(' ').Append(height);
            }

            text.Append('\n');
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
