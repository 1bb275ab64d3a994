using System.Runtime.InteropServices;
using Fabricish.Channels.Msp;
using Fabricish.Orderer.MsgProcessor;
using Fabricish.Orderer.Tests.Kafka;
using Fabricish.Protos.Common;
using Fabricish.Testing;
using Google.Protobuf;

namespace Fabricish.Orderer.Tests;

public sealed class BroadcastMessageTests : IDisposable
{
    private readonly TestNetwork _network = new();

    public void Dispose() => _network.Dispose();

    [Fact]
    public void A_plainly_encoded_payload_is_read_in_place_with_creator_and_data_sliced_from_the_envelope()
    {
        Envelope envelope = TestEnvelopes.Signed(_network.Org1Client, data: ByteString.CopyFromUtf8("the data"));

        BroadcastMessage message = BroadcastMessage.Parse(envelope);

        Assert.Equal(TestNetwork.ChannelId, message.ChannelHeader?.ChannelId);
        Assert.Equal(_network.Org1Client.Serialize(), message.Creator.ToArray());
        Assert.Equal("the data"u8.ToArray(), message.Data.ToArray());
        Assert.True(MemoryMarshal.TryGetArray(envelope.Payload.Memory, out ArraySegment<byte> payload));
        Assert.True(MemoryMarshal.TryGetArray(message.Creator, out ArraySegment<byte> creator));
        Assert.Same(payload.Array, creator.Array);
        Assert.Null(message.SignedDataError);
    }

    [Fact]
    public void A_header_split_over_two_fields_is_merged_as_protobuf_parsers_merge_it()
    {
        Payload whole = TestEnvelopes.Payload(_network.Org1Client, TestNetwork.ChannelId, HeaderType.EndorserTransaction, ByteString.CopyFromUtf8("x"));
        byte[] split =
        [
            .. new Payload { Header = new Header { ChannelHeader = whole.Header.ChannelHeader } }.ToByteArray(),
            .. new Payload { Header = new Header { SignatureHeader = whole.Header.SignatureHeader }, Data = whole.Data }.ToByteArray(),
        ];

        BroadcastMessage message = BroadcastMessage.Parse(new Envelope { Payload = ByteString.CopyFrom(split) });

        Assert.Equal(TestNetwork.ChannelId, message.ChannelHeader?.ChannelId);
        Assert.Equal(_network.Org1Client.Serialize(), message.Creator.ToArray());
        Assert.Equal("x"u8.ToArray(), message.Data.ToArray());
    }

    [Fact]
    public void A_truncated_payload_reports_the_parsers_error_for_both_header_and_signed_data()
    {
        ByteString payload = TestEnvelopes.Signed(_network.Org1Client).Payload;

        BroadcastMessage message = BroadcastMessage.Parse(new Envelope { Payload = ByteString.CopyFrom(payload.Span[..^3]) });

        Assert.Null(message.ChannelHeader);
        Assert.StartsWith("error unmarshalling Payload: ", message.ChannelHeaderError, StringComparison.Ordinal);
        Assert.StartsWith("could not convert message to signedData: ", message.SignedDataError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_creators_expiry_is_decoded_once_yet_judged_against_the_clock_on_every_message()
    {
        var clock = new ManualTimeProvider();
        DateTimeOffset now = clock.GetUtcNow();
        using SigningIdentity client = _network.Org1.Identity("Brief@org1.example.com", NodeRole.Client, now.AddDays(-1), now.AddHours(1));
        var rule = new ExpirationRejectRule(clock);

        FilterResult first = rule.Apply(BroadcastMessage.Parse(TestEnvelopes.Signed(client)), _network.Config);
        FilterResult second = rule.Apply(BroadcastMessage.Parse(TestEnvelopes.Signed(client)), _network.Config);
        clock.Advance(TimeSpan.FromHours(2));
        FilterResult afterExpiry = rule.Apply(BroadcastMessage.Parse(TestEnvelopes.Signed(client)), _network.Config);

        Assert.True(first.IsOk);
        Assert.True(second.IsOk);
        Assert.Equal(1, rule.CachedCreators);
        Assert.Equal((Status.BadRequest, "broadcast client identity expired"), (afterExpiry.Status, afterExpiry.Info));
    }
}
