using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Protos.Tests;

/// <summary>The in-place wire reader the committer and the orderer share: it finds what Google.Protobuf's parser finds,
/// steps over groups as the parser does, or refuses them for a caller that falls back to the parser.</summary>
public sealed class ProtoWireTests
{
    // Field 9 as a group holding a varint field 1 (tag 0x08) of value 1, then its end-group tag (9 << 3 | 4 = 0x4C).
    private static readonly byte[] Group = [0x4B, 0x08, 0x01, 0x4C];

    [Fact]
    public void Length_delimited_fields_are_slices_of_the_message_and_the_last_occurrence_wins()
    {
        byte[] message = [.. new Payload { Data = ByteString.CopyFromUtf8("first") }.ToByteArray(), .. new Payload { Data = ByteString.CopyFromUtf8("last") }.ToByteArray()];

        Assert.True(ProtoWire.TryGetLast(message, 2, out ReadOnlySpan<byte> data));

        Assert.Equal("last", System.Text.Encoding.UTF8.GetString(data));
        Assert.Equal(Payload.Parser.ParseFrom(message).Data.ToStringUtf8(), System.Text.Encoding.UTF8.GetString(data));
    }

    [Fact]
    public void The_value_range_locates_the_value_in_the_message_walked()
    {
        byte[] message = new Payload { Header = new Header { ChannelHeader = ByteString.CopyFromUtf8("ch") }, Data = ByteString.CopyFromUtf8("data") }.ToByteArray();
        var wire = new ProtoWire(message);

        Assert.True(wire.Next());
        Assert.True(wire.Next());

        Assert.Equal(2, wire.Field);
        Assert.Equal("data", System.Text.Encoding.UTF8.GetString(message[wire.ValueRange]));
    }

    [Fact]
    public void A_group_is_stepped_over_as_the_generated_parser_steps_over_an_unknown_field()
    {
        byte[] message = [.. Group, .. new Payload { Data = ByteString.CopyFromUtf8("after") }.ToByteArray()];

        Assert.True(ProtoWire.TryGetLast(message, 2, out ReadOnlySpan<byte> data));

        Assert.Equal(Payload.Parser.ParseFrom(message).Data.ToStringUtf8(), System.Text.Encoding.UTF8.GetString(data));
    }

    [Fact]
    public void A_walk_refusing_groups_stops_malformed_at_a_group()
    {
        byte[] message = [.. Group, .. new Payload { Data = ByteString.CopyFromUtf8("after") }.ToByteArray()];
        var wire = ProtoWire.RefusingGroups(message);

        Assert.False(wire.Next());

        Assert.True(wire.Malformed);
    }

    [Fact]
    public void A_length_past_the_end_is_malformed()
    {
        byte[] message = [0x12, 0x05, (byte)'a'];
        var wire = new ProtoWire(message);

        Assert.False(wire.Next());

        Assert.True(wire.Malformed);
        Assert.False(ProtoWire.TryGetLast(message, 2, out _));
    }
}
