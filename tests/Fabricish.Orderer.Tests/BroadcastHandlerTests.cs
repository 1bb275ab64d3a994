using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Msp;
using Fabricish.Orderer.Broadcast;
using Fabricish.Orderer.MsgProcessor;
using Fabricish.Protos.Common;
using Fabricish.Testing;
using Fabricish.Testing.Crypto;
using Google.Protobuf;

namespace Fabricish.Orderer.Tests;

public sealed class BroadcastHandlerTests : IDisposable
{
    private const uint AbsoluteMaxBytes = 8 * 1024;

    private readonly TestNetwork _network = new(adjust: profile => SampleChannel.WithBatchSize(profile, new BatchSizeSpec(10, AbsoluteMaxBytes, AbsoluteMaxBytes)));
    private readonly BroadcastHandler _handler;
    private readonly StandardChannel _channel;

    public BroadcastHandlerTests()
    {
        _channel = new StandardChannel(_network.Config);
        _handler = new BroadcastHandler(id => id == TestNetwork.ChannelId ? _channel : null);
    }

    public void Dispose() => _network.Dispose();

    [Fact]
    public void A_transaction_signed_by_a_channel_writer_is_accepted_at_the_current_config_sequence()
    {
        BroadcastOutcome outcome = _handler.ProcessMessage(TestEnvelopes.Signed(_network.Org1Client));

        Assert.Equal(Status.Success, outcome.Status);
        Assert.Null(outcome.Info);
        Assert.Equal(TestNetwork.ChannelId, outcome.ChannelId);
        Assert.False(outcome.IsConfigUpdate);
        Assert.Equal(0ul, outcome.ConfigSequence);
    }

    [Fact]
    public void Garbage_payload_bytes_are_a_bad_request_naming_the_unreadable_payload()
    {
        var envelope = new Envelope { Payload = ByteString.CopyFromUtf8("not a protobuf payload") };

        BroadcastOutcome outcome = _handler.ProcessMessage(envelope);

        Assert.Equal(Status.BadRequest, outcome.Status);
        Assert.StartsWith("could not determine channel ID: error unmarshalling Payload: ", outcome.Info, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_without_header_is_a_bad_request()
    {
        var envelope = new Envelope { Payload = new Payload { Data = ByteString.CopyFromUtf8("x") }.ToByteString() };

        BroadcastOutcome outcome = _handler.ProcessMessage(envelope);

        Assert.Equal((Status.BadRequest, "could not determine channel ID: header not set"), (outcome.Status, outcome.Info));
    }

    [Fact]
    public void A_channel_this_orderer_does_not_serve_is_not_found_naming_the_channel()
    {
        BroadcastOutcome outcome = _handler.ProcessMessage(TestEnvelopes.Signed(_network.Org1Client, channelId: "nosuchchannel"));

        Assert.Equal(Status.NotFound, outcome.Status);
        Assert.Equal("channel 'nosuchchannel' does not exist on this orderer", outcome.Info);
        Assert.Equal("nosuchchannel", outcome.ChannelId);
    }

    [Fact]
    public void A_config_envelope_cannot_be_broadcast_directly()
    {
        BroadcastOutcome outcome = _handler.ProcessMessage(TestEnvelopes.Signed(_network.Org1Admin, type: HeaderType.Config));

        Assert.Equal((Status.BadRequest, "message is of type that cannot be processed directly"), (outcome.Status, outcome.Info));
    }

    [Fact]
    public void A_missing_signature_is_forbidden_by_the_channel_writers_policy()
    {
        Envelope envelope = TestEnvelopes.Signed(_network.Org1Client);
        envelope.Signature = ByteString.Empty;

        AssertForbiddenByWriters(_handler.ProcessMessage(envelope));
    }

    [Fact]
    public void A_signature_that_does_not_match_the_payload_is_forbidden()
    {
        Envelope envelope = TestEnvelopes.Signed(_network.Org1Client);
        envelope.Signature = TestEnvelopes.Signed(_network.Org1Client).Signature;

        AssertForbiddenByWriters(_handler.ProcessMessage(envelope));
    }

    [Fact]
    public void A_high_s_signature_is_forbidden_saying_it_is_not_in_low_s_form()
    {
        Envelope envelope = TestEnvelopes.Signed(_network.Org1Client);
        envelope.Signature = ByteString.CopyFrom(HighSSignatures.Twin(envelope.Signature.ToByteArray()));

        BroadcastOutcome outcome = _handler.ProcessMessage(envelope);

        AssertForbiddenByWriters(outcome);
        Assert.Contains("signature 0 by Org1MSP invalid: it is not in low-S form", outcome.Info, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_without_creator_is_forbidden()
    {
        ByteString payload = TestEnvelopes.Payload(null, TestNetwork.ChannelId, HeaderType.EndorserTransaction, ByteString.CopyFromUtf8("x")).ToByteString();

        AssertForbiddenByWriters(_handler.ProcessMessage(new Envelope { Payload = payload, Signature = ByteString.CopyFrom(_network.Org1Client.Sign(payload.Span)) }));
    }

    [Fact]
    public void A_creator_outside_the_writers_policy_is_forbidden()
    {
        // Org1's Writers are its admins and clients; a peer identity is a channel member but not a writer.
        AssertForbiddenByWriters(_handler.ProcessMessage(TestEnvelopes.Signed(_network.Org1Peer)));
    }

    [Fact]
    public void A_creator_from_an_msp_unknown_to_the_channel_is_forbidden()
    {
        using var stranger = new TestOrg("StrangerMSP", "stranger.example.com");
        using SigningIdentity client = stranger.Identity("User1@stranger.example.com", NodeRole.Client);

        AssertForbiddenByWriters(_handler.ProcessMessage(TestEnvelopes.Signed(client)));
    }

    [Fact]
    public void A_message_over_absolute_max_bytes_is_too_large_stating_both_sizes()
    {
        Envelope envelope = TestEnvelopes.Signed(_network.Org1Client, data: ByteString.CopyFrom(new byte[AbsoluteMaxBytes]));
        long size = envelope.Payload.Length + envelope.Signature.Length;

        BroadcastOutcome outcome = _handler.ProcessMessage(envelope);

        Assert.Equal(Status.RequestEntityTooLarge, outcome.Status);
        Assert.Equal($"message payload is {size} bytes and exceeds maximum allowed {AbsoluteMaxBytes} bytes", outcome.Info);
    }

    [Fact]
    public void A_creator_whose_certificate_has_expired_is_refused_before_its_signature_is_checked()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using SigningIdentity expired = _network.Org1.Identity("Old@org1.example.com", NodeRole.Client, now.AddDays(-10), now.AddDays(-1));

        BroadcastOutcome outcome = _handler.ProcessMessage(TestEnvelopes.Signed(expired));

        Assert.Equal((Status.BadRequest, "broadcast client identity expired"), (outcome.Status, outcome.Info));
    }

    [Fact]
    public void An_envelope_with_an_empty_payload_is_refused_as_empty()
    {
        ProcessResult result = _channel.ProcessNormalMsg(new Envelope());

        Assert.Equal((Status.BadRequest, "Message was empty"), (result.Status, result.Info));
    }

    private static void AssertForbiddenByWriters(BroadcastOutcome outcome)
    {
        Assert.Equal(Status.Forbidden, outcome.Status);
        Assert.StartsWith("policy /Channel/Writers", outcome.Info, StringComparison.Ordinal);
        Assert.EndsWith(": permission denied", outcome.Info, StringComparison.Ordinal);
    }
}
