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
}
