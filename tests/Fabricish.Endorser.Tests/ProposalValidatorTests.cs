using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Endorser.Validation;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Google.Protobuf;

namespace Fabricish.Endorser.Tests;

public sealed class ProposalValidatorTests : IDisposable
{
    private readonly TestNetwork _network = TestEndorserChannels.NewNetwork();
    private readonly TestEndorserChannels _channels;
    private readonly ProposalValidator _validator;

    public ProposalValidatorTests()
    {
        _channels = new TestEndorserChannels(_network);
        _validator = new ProposalValidator(_channels, new ProposalValidatorOptions { TimestampSkew = TimeSpan.FromMinutes(5) });
    }

    public void Dispose() => _network.Dispose();

    [Fact]
    public void A_well_formed_proposal_from_a_channel_writer_is_accepted_and_unpacked()
    {
        var builder = new ProposalBuilder(_network.Org1Client, "basic", "ReadAsset", "asset1");

        ProposalCheck check = _validator.Validate(builder.Build());

        Assert.True(check.IsValid, check.Rejection?.Response.Message);
        Assert.Equal(builder.ExpectedTxId, check.Proposal!.TxId);
        Assert.Equal("basic", check.Proposal.ChaincodeName);
        Assert.Equal(["ReadAsset", "asset1"], check.Proposal.Input.Args.Select(a => a.ToStringUtf8()));
        Assert.Same(_channels.Channel, check.Channel);
    }

    [Fact]
    public void Undecodable_proposal_bytes_are_refused_naming_the_message_that_failed()
    {
        var signed = new SignedProposal { ProposalBytes = ByteString.CopyFrom(0xff, 0xff, 0xff), Signature = ByteString.CopyFromUtf8("x") };

        AssertRejected(signed, message => Assert.StartsWith("error unmarshalling Proposal: ", message));
    }

    [Fact]
    public void A_proposal_without_chaincode_name_is_refused()
    {
        AssertRejected(new ProposalBuilder(_network.Org1Client, string.Empty, "f").Build(), "ChaincodeHeaderExtension.ChaincodeId.Name is empty");
    }

    [Fact]
    public void A_proposal_for_a_channel_the_peer_has_not_joined_is_refused()
    {
        var builder = new ProposalBuilder(_network.Org1Client, "basic", "f") { ChannelId = "otherchannel" };

        AssertRejected(builder.Build(), "channel 'otherchannel' not found");
    }

    [Fact]
    public void A_header_type_other_than_endorser_transaction_is_refused()
    {
        var builder = new ProposalBuilder(_network.Org1Client, "basic", "f") { Type = HeaderType.Message };

        AssertRejected(builder.Build(), "error validating proposal: invalid header type MESSAGE");
    }

    [Fact]
    public void A_non_zero_epoch_is_refused()
    {
        AssertRejected(new ProposalBuilder(_network.Org1Client, "basic", "f") { Epoch = 1 }.Build(), "error validating proposal: epoch is non-zero");
    }

    [Fact]
    public void An_empty_nonce_is_refused()
    {
        AssertRejected(new ProposalBuilder(_network.Org1Client, "basic", "f") { Nonce = [] }.Build(), "error validating proposal: nonce is empty");
    }

    [Fact]
    public void A_txid_not_computed_from_nonce_and_creator_is_refused_with_the_expected_one()
    {
        var builder = new ProposalBuilder(_network.Org1Client, "basic", "f") { TxId = "abc" };
        string expected = Convert.ToHexStringLower(SHA256.HashData([.. builder.Nonce, .. builder.Creator]));

        AssertRejected(builder.Build(), $"error validating proposal: incorrectly computed txid 'abc' -- expected '{expected}'");
    }

    [Fact]
    public void A_timestamp_beyond_the_allowed_skew_is_refused()
    {
        var builder = new ProposalBuilder(_network.Org1Client, "basic", "f") { Timestamp = DateTimeOffset.UtcNow.AddMinutes(-6) };

        AssertRejected(builder.Build(), message =>
        {
            Assert.StartsWith("error validating proposal: proposal timestamp ", message);
            Assert.Contains("outside the allowed skew of 00:05:00", message);
        });
    }

    [Fact]
    public void A_creator_of_an_org_outside_the_channel_is_refused_as_unknown()
    {
        AssertRejected(
            new ProposalBuilder(_network.OutsiderClient, "basic", "f").Build(),
            "error validating proposal: access denied: channel [mychannel] creator org unknown, creator is malformed");
    }

    [Fact]
    public void A_signature_not_made_by_the_creator_is_refused_naming_only_the_org()
    {
        var builder = new ProposalBuilder(_network.Org1Client, "basic", "f") { Signer = _network.Org1Peer };

        AssertRejected(builder.Build(), "error validating proposal: access denied: channel [mychannel] creator org [Org1MSP]");
    }

    [Fact]
    public void An_expired_creator_certificate_is_refused()
    {
        using SigningIdentity expired = _network.Org1.Identity(
            "Old@org1.example.com", NodeRole.Client, DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(-1));

        AssertRejected(new ProposalBuilder(expired, "basic", "f").Build(), "error validating proposal: access denied: channel [mychannel] creator org [Org1MSP]");
    }

    [Fact]
    public void A_txid_already_committed_is_refused_as_duplicate()
    {
        var builder = new ProposalBuilder(_network.Org1Client, "basic", "f");
        _channels.Committed.Add(builder.ExpectedTxId);

        AssertRejected(
            builder.Build(),
            $"duplicate transaction found [{builder.ExpectedTxId}]. Creator [{Convert.ToHexStringLower(builder.Creator)}]");
    }

    [Fact]
    public void A_creator_who_is_not_a_channel_writer_is_refused_by_the_writers_policy()
    {
        AssertRejected(new ProposalBuilder(_network.Org1Peer, "basic", "f").Build(), message =>
            Assert.StartsWith("failed evaluating policy on signed data during check policy [/Channel/Application/Writers]: [", message));
    }

    [Fact]
    public void An_evaluation_needs_only_the_readers_policy()
    {
        ProposalCheck check = _validator.Validate(new ProposalBuilder(_network.Org1Peer, "basic", "f").Build(), evaluate: true);

        Assert.True(check.IsValid, check.Rejection?.Response.Message);
    }

    [Fact]
    public void The_proposal_hash_covers_both_headers_and_the_payload_without_its_transient_map()
    {
        var plain = new ProposalBuilder(_network.Org1Client, "basic", "f");
        var withSecret = new ProposalBuilder(_network.Org1Client, "basic", "f") { Nonce = plain.Nonce, Timestamp = plain.Timestamp };
        withSecret.Transient["price"] = [1, 2, 3];
        SignedProposal signed = withSecret.Build();

        byte[] hash = _validator.Validate(signed).Proposal!.ProposalHash;

        Proposal proposal = Proposal.Parser.ParseFrom(signed.ProposalBytes);
        Header header = Header.Parser.ParseFrom(proposal.Header);
        var stripped = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
        stripped.TransientMap.Clear();
        Assert.Equal(SHA256.HashData([.. header.ChannelHeader.ToByteArray(), .. header.SignatureHeader.ToByteArray(), .. stripped.ToByteArray()]), hash);
        Assert.Equal(_validator.Validate(plain.Build()).Proposal!.ProposalHash, hash);
    }

    private void AssertRejected(SignedProposal proposal, string expectedMessage) =>
        AssertRejected(proposal, message => Assert.Equal(expectedMessage, message));

    private void AssertRejected(SignedProposal proposal, Action<string> checkMessage)
    {
        ProposalCheck check = _validator.Validate(proposal);

        Assert.False(check.IsValid);
        Assert.Equal(500, check.Rejection!.Response.Status);
        Assert.Null(check.Rejection.Endorsement);
        checkMessage(check.Rejection.Response.Message);
    }
}
