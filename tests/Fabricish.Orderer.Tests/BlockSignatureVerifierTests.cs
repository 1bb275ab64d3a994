using Fabricish.Channels.Blocks;
using Fabricish.Channels.Msp;
using Fabricish.Ledger;
using Fabricish.Orderer.Blocks;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Google.Protobuf;

namespace Fabricish.Orderer.Tests;

public sealed class BlockSignatureVerifierTests : IDisposable
{
    private readonly TestNetwork _network = new();
    private readonly ScratchDirectory _directory = new("block-store");
    private readonly BlockStore _store;
    private readonly BlockSignatureVerifier _verifier;

    public BlockSignatureVerifierTests()
    {
        _store = BlockStore.Open(_directory.FullPath);
        Assert.True(_store.Append(_network.Genesis).Accepted);
        _verifier = new BlockSignatureVerifier(_network.Config);
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
        _network.Dispose();
    }

    private Block WriteBlock(SigningIdentity signer)
    {
        BlockWriter writer = BlockWriter.TryOpen(_store, signer, out string? error)!;
        Assert.Null(error);
        BlockWriteResult result = writer.WriteBlock(
            writer.CreateNextBlock([TestEnvelopes.Signed(_network.Org1Client), TestEnvelopes.Signed(_network.Org1Client)]),
            new KafkaMetadata { LastOffsetPersisted = 7 }.ToByteArray());
        Assert.True(result.IsWritten, result.Error);
        return result.Block!;
    }

    [Fact]
    public void A_block_written_by_the_channels_orderer_verifies_with_only_the_channel_config()
    {
        Block block = WriteBlock(_network.Orderer);

        BlockVerificationResult result = _verifier.Verify(Block.Parser.ParseFrom(block.ToByteArray()), expectedNumber: 1);

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void A_block_signed_by_an_application_client_fails_block_validation()
    {
        Block block = WriteBlock(_network.Org1Client);

        BlockVerificationResult result = _verifier.Verify(block);

        Assert.False(result.IsValid);
        Assert.Contains("/Channel/Orderer/BlockValidation", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Tampered_block_data_is_rejected_for_its_data_hash()
    {
        Block block = WriteBlock(_network.Orderer).Clone();
        block.Data.Data[1] = TestEnvelopes.Signed(_network.Org1Client).ToByteString();

        BlockVerificationResult result = _verifier.Verify(block);

        Assert.False(result.IsValid);
        Assert.Equal("Header.DataHash is different from Hash(block.Data) for block with id [1] on channel [mychannel]", result.Reason);
    }

    [Fact]
    public void A_tampered_header_no_longer_matches_the_orderers_signature()
    {
        Block block = WriteBlock(_network.Orderer).Clone();
        block.Header.PreviousHash = ByteString.CopyFrom(new byte[32]);

        BlockVerificationResult result = _verifier.Verify(block);

        Assert.False(result.IsValid);
        Assert.Contains("/Channel/Orderer/BlockValidation", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Tampered_signed_metadata_no_longer_matches_the_orderers_signature()
    {
        Block block = WriteBlock(_network.Orderer).Clone();
        Metadata signatures = Metadata.Parser.ParseFrom(block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures]);
        signatures.Value = new OrdererBlockMetadata { LastConfig = new LastConfig { Index = 99 } }.ToByteString();
        block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures] = signatures.ToByteString();

        BlockVerificationResult result = _verifier.Verify(block);

        Assert.False(result.IsValid);
        Assert.Contains("/Channel/Orderer/BlockValidation", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_without_signatures_fails_block_validation()
    {
        Block block = WriteBlock(_network.Orderer).Clone();
        block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures] = ByteString.Empty;

        BlockVerificationResult result = _verifier.Verify(block);

        Assert.False(result.IsValid);
        Assert.Contains("/Channel/Orderer/BlockValidation", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_of_another_channel_is_rejected_before_its_signatures_are_checked()
    {
        Block block = WriteBlock(_network.Orderer);
        var verifier = new BlockSignatureVerifier("otherchannel", _network.Config.Policies);

        BlockVerificationResult result = verifier.Verify(block);

        Assert.Equal("Invalid block's channel id. Expected [otherchannel]. Given [mychannel]", result.Reason);
    }

    [Fact]
    public void A_block_other_than_the_one_asked_for_is_rejected()
    {
        Block block = WriteBlock(_network.Orderer);

        BlockVerificationResult result = _verifier.Verify(block, expectedNumber: 2);

        Assert.Equal("Claimed seqNum is [2] but actual seqNum inside block is [1]", result.Reason);
    }
}
