using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.Peer.Tests.SystemChaincode;

/// <summary>qscc through Endorser.ProcessProposal, shaped as Fabric's <c>peer channel getinfo</c> sends it (no channel
/// in the header, the channel as args[1]) and as the SDKs send it (the channel in the header too).</summary>
public sealed class QuerySystemChaincodeTests : IClassFixture<SystemChaincodePeerFixture>
{
    private readonly SystemChaincodePeer _peer;

    public QuerySystemChaincodeTests(SystemChaincodePeerFixture fixture) => _peer = fixture.Peer;

    [Fact]
    public async Task GetChainInfo_reports_the_height_and_the_header_hashes_a_client_computes_from_the_block_headers()
    {
        ProposalResponse response = await Qscc(_peer.Org1Client, "", "GetChainInfo", SystemChaincodePeer.Channel);

        Assert.Equal(200, response.Response.Status);
        Assert.Null(response.Endorsement);
        Assert.True(response.Payload.IsEmpty);
        var info = BlockchainInfo.Parser.ParseFrom(response.Response.Payload);
        Assert.Equal(2UL, info.Height);
        Assert.Equal(Convert.ToHexStringLower(GoldenHeaderHash(_peer.Block1.Header)), Convert.ToHexStringLower(info.CurrentBlockHash.Span));
        Assert.Equal(_peer.Block1.Header.PreviousHash, info.PreviousBlockHash);
    }

    [Fact]
    public void The_golden_header_hash_is_Fabrics_for_a_known_header()
    {
        // Fabric's protoutil.BlockHeaderHash of {Number: 128, PreviousHash: 32×0x01, DataHash: 32×0x02}, hashed by
        // hand from the DER bytes: 30 48 | 02 02 00 80 | 04 20 01… | 04 20 02….
        var header = new BlockHeader { Number = 128, PreviousHash = ByteString.CopyFrom(Enumerable.Repeat((byte)1, 32).ToArray()), DataHash = ByteString.CopyFrom(Enumerable.Repeat((byte)2, 32).ToArray()) };
        byte[] der = [0x30, 0x48, 0x02, 0x02, 0x00, 0x80, 0x04, 0x20, .. Enumerable.Repeat((byte)1, 32), 0x04, 0x20, .. Enumerable.Repeat((byte)2, 32)];

        Assert.Equal(SHA256.HashData(der), GoldenHeaderHash(header));
        Assert.Equal(SHA256.HashData(der), Fabricish.Channels.Blocks.BlockHashing.HeaderHash(header));
    }

    [Fact]
    public async Task GetBlockByNumber_GetBlockByHash_and_GetBlockByTxID_return_the_stored_block()
    {
        byte[] hash = GoldenHeaderHash(_peer.Block1.Header);
        ProposalResponse[] responses =
        [
            await Qscc(_peer.Org1Client, "", "GetBlockByNumber", SystemChaincodePeer.Channel, "1"),
            await Qscc(_peer.Org1Client, "", "GetBlockByNumber", SystemChaincodePeer.Channel, ulong.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            await QsccBytes(_peer.Org1Client, "", ByteString.CopyFromUtf8("GetBlockByHash"), ByteString.CopyFromUtf8(SystemChaincodePeer.Channel), ByteString.CopyFrom(hash)),
            await Qscc(_peer.Org1Client, "", "GetBlockByTxID", SystemChaincodePeer.Channel, _peer.InvalidTxId),
        ];

        foreach (ProposalResponse response in responses)
        {
            Assert.Equal(200, response.Response.Status);
            Assert.Equal(_peer.Block1, Block.Parser.ParseFrom(response.Response.Payload));
        }
    }

    [Fact]
    public async Task GetTransactionByID_returns_the_envelope_with_its_validation_code()
    {
        ProposalResponse valid = await Qscc(_peer.Org1Client, "", "GetTransactionByID", SystemChaincodePeer.Channel, _peer.ValidTxId);
        ProposalResponse invalid = await Qscc(_peer.Org1Client, "", "GetTransactionByID", SystemChaincodePeer.Channel, _peer.InvalidTxId);

        var first = ProcessedTransaction.Parser.ParseFrom(valid.Response.Payload);
        var second = ProcessedTransaction.Parser.ParseFrom(invalid.Response.Payload);
        Assert.Equal((_peer.Envelopes[0], (int)TxValidationCode.Valid), (first.TransactionEnvelope, first.ValidationCode));
        Assert.Equal((_peer.Envelopes[1], (int)TxValidationCode.MvccReadConflict), (second.TransactionEnvelope, second.ValidationCode));
    }

    [Fact]
    public async Task With_the_channel_in_the_header_any_channel_reader_queries_and_the_answer_is_endorsed()
    {
        ProposalResponse response = await Qscc(_peer.Org2Client, SystemChaincodePeer.Channel, "GetChainInfo", SystemChaincodePeer.Channel);

        Assert.Equal(200, response.Response.Status);
        Assert.NotNull(response.Endorsement);
        Assert.Equal(2UL, BlockchainInfo.Parser.ParseFrom(response.Response.Payload).Height);
    }

    [Fact]
    public async Task Missing_blocks_transactions_and_channels_are_answered_with_Fabrics_messages()
    {
        Assert.Equal("Failed to get block number 7, error no such block number [7] in index",
            (await Qscc(_peer.Org1Client, "", "GetBlockByNumber", SystemChaincodePeer.Channel, "7")).Response.Message);
        Assert.Equal("Failed to parse block number with error strconv.ParseUint: parsing \"x\": invalid syntax",
            (await Qscc(_peer.Org1Client, "", "GetBlockByNumber", SystemChaincodePeer.Channel, "x")).Response.Message);
        Assert.Equal("Failed to get transaction with id nope, error no such transaction ID [nope] in index",
            (await Qscc(_peer.Org1Client, "", "GetTransactionByID", SystemChaincodePeer.Channel, "nope")).Response.Message);
        Assert.Equal("Invalid chain ID, otherchannel", (await Qscc(_peer.Org1Client, "", "GetChainInfo", "otherchannel")).Response.Message);
        Assert.Equal("missing 3rd argument for GetBlockByNumber", (await Qscc(_peer.Org1Client, "", "GetBlockByNumber", SystemChaincodePeer.Channel)).Response.Message);
        Assert.Equal("Incorrect number of arguments, 1", (await Qscc(_peer.Org1Client, "", "GetChainInfo")).Response.Message);
    }

    [Fact]
    public async Task An_identity_outside_the_channel_is_refused_as_Fabric_refuses_it()
    {
        // Channel-less, the creator is deserialized with the peer's local MSP: another org's identity cannot be.
        ProposalResponse otherOrg = await Qscc(_peer.Org2Client, "", "GetChainInfo", SystemChaincodePeer.Channel);
        Assert.Equal((500, "error validating proposal: access denied: channel [] creator org unknown, creator is malformed"), (otherOrg.Response.Status, otherOrg.Response.Message));

        // On a peer of Org3, an Org3 admin passes the local MSP but is not in mychannel's Application Readers.
        ProposalResponse outsider = await _peer.Endorser(_peer.Org3Msp).ProcessProposalAsync(
            ChaincodeProposals.Create(_peer.Org3Admin, "", "qscc", "GetChainInfo", SystemChaincodePeer.Channel).Signed);
        Assert.Equal(500, outsider.Response.Status);
        Assert.StartsWith(
            "access denied for [GetChainInfo][mychannel]: [Failed evaluating policy on signed data during check policy on channel [mychannel] with policy [/Channel/Application/Readers]: [",
            outsider.Response.Message,
            StringComparison.Ordinal);

        ProposalResponse withChannel = await Qscc(_peer.Org3Admin, SystemChaincodePeer.Channel, "GetChainInfo", SystemChaincodePeer.Channel);
        Assert.Equal("error validating proposal: access denied: channel [mychannel] creator org unknown, creator is malformed", withChannel.Response.Message);
    }

    /// <summary>SHA-256 of the header's DER encoding written out by hand (SEQUENCE of INTEGER number, OCTET STRING
    /// previous hash, OCTET STRING data hash; Go's encoding/asn1 of Fabric's asn1Header), not with the code under
    /// test.</summary>
    internal static byte[] GoldenHeaderHash(BlockHeader header)
    {
        byte[] number = BitConverter.GetBytes(header.Number);
        Array.Reverse(number);
        int skip = 0;
        while (skip < number.Length - 1 && number[skip] == 0)
        {
            skip++;
        }

        byte[] minimal = number[skip..];
        if ((minimal[0] & 0x80) != 0)
        {
            minimal = [0, .. minimal];
        }

        byte[] body = [.. Tlv(0x02, minimal), .. Tlv(0x04, header.PreviousHash.ToByteArray()), .. Tlv(0x04, header.DataHash.ToByteArray())];
        return SHA256.HashData(Tlv(0x30, body));
    }

    private static byte[] Tlv(byte tag, byte[] value) => value.Length switch
    {
        < 0x80 => [tag, (byte)value.Length, .. value],
        < 0x100 => [tag, 0x81, (byte)value.Length, .. value],
        _ => [tag, 0x82, (byte)(value.Length >> 8), (byte)value.Length, .. value],
    };

    private Task<ProposalResponse> Qscc(SigningIdentity who, string headerChannel, params string[] args) =>
        QsccBytes(who, headerChannel, [.. args.Select(ByteString.CopyFromUtf8)]);

    private Task<ProposalResponse> QsccBytes(SigningIdentity who, string headerChannel, params ByteString[] args) =>
        _peer.Endorser().ProcessProposalAsync(ChaincodeProposals.Create(who, headerChannel, "qscc", args).Signed);
}
