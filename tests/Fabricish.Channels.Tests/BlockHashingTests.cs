using Fabricish.Channels.Blocks;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Channels.Tests;

public class BlockHashingTests
{
    [Fact]
    public void Header_bytes_are_the_der_sequence_fabric_hashes()
    {
        var header = new BlockHeader
        {
            Number = 1,
            PreviousHash = ByteString.CopyFrom(0xAA, 0xBB),
            DataHash = ByteString.CopyFrom(0xCC),
        };

        // SEQUENCE(len 10) { INTEGER 1, OCTET STRING AABB, OCTET STRING CC }
        Assert.Equal(
            Convert.FromHexString("300A020101040" + "2AABB040" + "1CC"),
            BlockHashing.HeaderBytes(header));
    }

    [Fact]
    public void Data_hash_is_sha256_of_the_concatenated_entries()
    {
        var data = new BlockData();
        data.Data.Add(ByteString.CopyFromUtf8("ab"));
        data.Data.Add(ByteString.CopyFromUtf8("c"));

        Assert.Equal(
            System.Security.Cryptography.SHA256.HashData("abc"u8),
            BlockHashing.DataHash(data));
    }
}
