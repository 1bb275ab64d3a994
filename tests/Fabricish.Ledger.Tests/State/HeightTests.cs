using Fabricish.Ledger.State;
using Fabricish.Ledger.State.CouchDb;

namespace Fabricish.Ledger.Tests.State;

public sealed class HeightTests
{
    [Fact]
    public void Heights_order_by_block_then_transaction()
    {
        Assert.True(new Height(1, 9) < new Height(2, 0));
        Assert.True(new Height(2, 1) > new Height(2, 0));
        Assert.Equal(0, new Height(3, 3).CompareTo(new Height(3, 3)));
    }

    [Theory]
    [InlineData(0UL, 0UL, "0000")]
    [InlineData(1UL, 2UL, "01010102")]
    [InlineData(256UL, 0UL, "02010000")]
    [InlineData(ulong.MaxValue, 1UL, "08FFFFFFFFFFFFFFFF0101")]
    public void ToBytes_uses_fabrics_order_preserving_varints_and_round_trips(ulong block, ulong tx, string hex)
    {
        var height = new Height(block, tx);

        Assert.Equal(hex, Convert.ToHexString(height.ToBytes()));
        Assert.True(Height.TryFromBytes(height.ToBytes(), out Height decoded, out int consumed));
        Assert.Equal(height, decoded);
        Assert.Equal(hex.Length / 2, consumed);
    }

    [Fact]
    public void Version_field_round_trips_height_and_metadata_and_reads_fabrics_old_text_format()
    {
        string encoded = CouchVersionField.Encode(new Height(9, 4), [5, 6]);

        Assert.Equal('\0', encoded[0]);
        (Height version, byte[]? metadata) = CouchVersionField.Decode(encoded);
        Assert.Equal(new Height(9, 4), version);
        Assert.Equal([5, 6], metadata);
        Assert.Equal(new Height(12, 7), CouchVersionField.Decode("12:7").Version);
        Assert.Null(CouchVersionField.Decode(CouchVersionField.Encode(new Height(1, 1), null)).Metadata);
    }

    [Fact]
    public void Version_field_has_fabrics_exact_bytes_and_carries_metadata_of_any_size()
    {
        // VersionFieldProto{version_bytes: Height(256, 1).ToBytes()} = 0a 05 02 01 00 01 01, base64 after a zero byte.
        Assert.Equal("\0" + Convert.ToBase64String([0x0a, 0x05, 0x02, 0x01, 0x00, 0x01, 0x01]), CouchVersionField.Encode(new Height(256, 1), null));
        byte[] large = [.. Enumerable.Range(0, 1000).Select(i => (byte)i)];

        (Height version, byte[]? metadata) = CouchVersionField.Decode(CouchVersionField.Encode(new Height(ulong.MaxValue, ulong.MaxValue), large));

        Assert.Equal(new Height(ulong.MaxValue, ulong.MaxValue), version);
        Assert.Equal(large, metadata);
    }
}
