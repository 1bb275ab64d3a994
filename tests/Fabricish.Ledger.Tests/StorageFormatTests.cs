using Fabricish.Ledger.Storage;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Ledger.Tests;

public class StorageFormatTests
{
    [Fact]
    public void Crc32c_matches_the_standard_check_value()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
    }

    [Fact]
    public void Tx_id_is_read_from_the_envelope_wire_bytes()
    {
        Assert.Equal("tx-42", TxIdReader.Read(TxIdChain.Envelope("tx-42")));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF })]
    [InlineData(new byte[] { 0x0A, 0x05, 0x01 })]
    [InlineData(new byte[] { })]
    public void Tx_id_of_malformed_entry_is_empty(byte[] entry)
    {
        Assert.Equal(string.Empty, TxIdReader.Read(entry));
    }

    [Fact]
    public void Tx_id_follows_protobuf_merge_semantics_for_repeated_payload_headers()
    {
        // Concatenated messages merge: the second header carries no channel header, so the first one's survives.
        var first = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(TxIdChain.Envelope("tx-first")).Payload);
        var second = new Payload { Header = new Header { SignatureHeader = ByteString.CopyFromUtf8("creator") } };
        byte[] merged = [.. first.ToByteArray(), .. second.ToByteArray()];
        var envelope = new Envelope { Payload = ByteString.CopyFrom(merged) }.ToByteArray();

        string expected = ChannelHeader.Parser.ParseFrom(Payload.Parser.ParseFrom(merged).Header.ChannelHeader).TxId;
        Assert.Equal("tx-first", expected);
        Assert.Equal(expected, TxIdReader.Read(envelope));
    }

    [Fact]
    public void Tx_id_that_is_not_utf8_is_not_indexed()
    {
        var channelHeader = new ChannelHeader { TxId = "placeholder" }.ToByteArray();
        int at = Array.IndexOf(channelHeader, (byte)'p');
        channelHeader[at] = 0xC3;
        channelHeader[at + 1] = 0x28;
        var payload = new Payload { Header = new Header { ChannelHeader = ByteString.CopyFrom(channelHeader) } };
        var envelope = new Envelope { Payload = payload.ToByteString() }.ToByteArray();

        Assert.Equal(string.Empty, TxIdReader.Read(envelope));
    }

    [Fact]
    public void Zero_filled_record_header_is_not_a_valid_record()
    {
        var zeros = new byte[BlockRecord.HeaderSize];
        Assert.Equal(-1, BlockRecord.PayloadLength(zeros));
        Assert.False(BlockRecord.ChecksumMatches(zeros, []));
    }
}
