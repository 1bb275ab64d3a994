using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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

public sealed class BlockWriterTests : IDisposable
{
    private readonly TestNetwork _network = new();
    private readonly ScratchDirectory _directory = new("block-store");
    private readonly BlockStore _store;

    public BlockWriterTests()
    {
        _store = BlockStore.Open(_directory.FullPath);
        Assert.True(_store.Append(_network.Genesis).Accepted);
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
        _network.Dispose();
    }

    private BlockWriter OpenWriter(SigningIdentity? signer = null)
    {
        BlockWriter? writer = BlockWriter.TryOpen(_store, signer ?? _network.Orderer, out string? error);
        Assert.True(writer is not null, error);
        return writer!;
    }

    private Envelope Tx() => TestEnvelopes.Signed(_network.Org1Client);

    private static byte[] Kafka(long offset) => new KafkaMetadata { LastOffsetPersisted = offset }.ToByteArray();

    [Fact]
    public void Written_blocks_chain_by_header_hash_and_data_hash_and_land_in_the_store()
    {
        BlockWriter writer = OpenWriter();

        Block first = writer.WriteBlock(writer.CreateNextBlock([Tx(), Tx()]), Kafka(5)).Block!;
        Block second = writer.WriteBlock(writer.CreateNextBlock([Tx()]), Kafka(6)).Block!;

        Assert.Equal(1ul, first.Header.Number);
        Assert.Equal(BlockHashing.HeaderHash(_network.Genesis.Header), first.Header.PreviousHash.ToByteArray());
        Assert.Equal(BlockHashing.HeaderHash(first.Header), second.Header.PreviousHash.ToByteArray());
        Assert.Equal(BlockHashing.DataHash(first.Data), first.Header.DataHash.ToByteArray());
        Assert.Equal(3ul, _store.Height);
        Assert.Equal(second, _store.GetBlock(2));
        Assert.Equal(3ul, writer.Height);
    }

    [Fact]
    public void Metadata_is_laid_out_as_a_v2_5_orderer_writes_it()
    {
        BlockWriter writer = OpenWriter();

        Block block = writer.WriteBlock(writer.CreateNextBlock([Tx(), Tx(), Tx()]), Kafka(42)).Block!;

        Assert.Equal(5, block.Metadata.Metadata.Count);
        Metadata signatures = Metadata.Parser.ParseFrom(block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures]);
        OrdererBlockMetadata value = OrdererBlockMetadata.Parser.ParseFrom(signatures.Value);
        Assert.Equal(0ul, value.LastConfig.Index);
        Assert.Equal(Kafka(42), Metadata.Parser.ParseFrom(value.ConsenterMetadata).Value.ToByteArray());
        MetadataSignature signature = Assert.Single(signatures.Signatures);
        SignatureHeader header = SignatureHeader.Parser.ParseFrom(signature.SignatureHeader);
        Assert.Equal(_network.Orderer.Serialize(), header.Creator.ToByteArray());
        Assert.Equal(BlockWriter.NonceSize, header.Nonce.Length);
        Metadata lastConfig = Metadata.Parser.ParseFrom(block.Metadata.Metadata[(int)BlockMetadataIndex.LastConfig]);
        Assert.Equal(0ul, LastConfig.Parser.ParseFrom(lastConfig.Value).Index);
        Assert.Empty(lastConfig.Signatures);

        // The orderer never judges transactions: the peer sizes and fills the filter when it validates.
        Assert.True(block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].IsEmpty);
        Assert.True(block.Metadata.Metadata[(int)BlockMetadataIndex.Orderer].IsEmpty);
        Assert.Equal(Kafka(42), BlockMetadataReader.ConsenterMetadata(block).ToByteArray());
    }

    [Fact]
    public void The_block_signature_covers_metadata_value_then_signature_header_then_asn1_header_bytes()
    {
        BlockWriter writer = OpenWriter();

        Block block = writer.WriteBlock(writer.CreateNextBlock([Tx()]), Kafka(1)).Block!;

        Metadata signatures = Metadata.Parser.ParseFrom(block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures]);
        MetadataSignature signature = signatures.Signatures[0];
        byte[] signed = [.. signatures.Value.Span, .. signature.SignatureHeader.Span, .. BlockHashing.HeaderBytes(block.Header)];
        using ECDsa publicKey = _network.Orderer.Certificate.GetECDsaPublicKey()!;
        Assert.True(publicKey.VerifyData(signed, signature.Signature.ToByteArray(), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void A_config_block_becomes_the_last_config_recorded_by_every_later_block_and_survives_reopening()
    {
        BlockWriter writer = OpenWriter();
        writer.WriteBlock(writer.CreateNextBlock([Tx()]), Kafka(1));

        BlockWriteResult config = writer.WriteConfigBlock(writer.CreateNextBlock([ConfigEnvelope(sequence: 1)]), Kafka(2));
        Block after = writer.WriteBlock(writer.CreateNextBlock([Tx()]), Kafka(3)).Block!;

        Assert.True(config.IsWritten, config.Error);
        Assert.Equal(1ul, config.Config!.Sequence);
        Assert.Equal(2ul, writer.LastConfigBlockNumber);
        Assert.Equal(2ul, BlockMetadataReader.TryGetLastConfigIndex(config.Block!));
        Assert.Equal(2ul, BlockMetadataReader.TryGetLastConfigIndex(after));
        Metadata lastConfig = Metadata.Parser.ParseFrom(after.Metadata.Metadata[(int)BlockMetadataIndex.LastConfig]);
        Assert.Equal(2ul, LastConfig.Parser.ParseFrom(lastConfig.Value).Index);

        BlockWriter reopened = OpenWriter();
        Assert.Equal(2ul, reopened.LastConfigBlockNumber);
        Assert.Equal(1ul, reopened.Config.Sequence);
        Assert.Equal(4ul, reopened.Height);
    }

    [Fact]
    public void A_config_block_whose_envelope_is_not_a_config_is_refused_and_not_stored()
    {
        BlockWriter writer = OpenWriter();

        BlockWriteResult result = writer.WriteConfigBlock(writer.CreateNextBlock([Tx()]), Kafka(1));

        Assert.False(result.IsWritten);
        Assert.Contains("not a config block", result.Error, StringComparison.Ordinal);
        Assert.Equal(1ul, _store.Height);
        Assert.Equal(0ul, writer.LastConfigBlockNumber);
    }

    [Fact]
    public void A_block_that_does_not_follow_the_tip_is_refused_by_the_store()
    {
        BlockWriter writer = OpenWriter();
        Block stale = writer.CreateNextBlock([Tx()]);
        writer.WriteBlock(writer.CreateNextBlock([Tx()]), Kafka(1));

        BlockWriteResult result = writer.WriteBlock(stale, Kafka(2));

        Assert.False(result.IsWritten);
        Assert.NotNull(result.Error);
        Assert.Equal(2ul, _store.Height);
    }

    [Fact]
    public void Opening_an_empty_ledger_is_refused_with_the_reason()
    {
        using var directory = new ScratchDirectory("block-store");
        using BlockStore empty = BlockStore.Open(directory.FullPath);

        BlockWriter? writer = BlockWriter.TryOpen(empty, _network.Orderer, out string? error);

        Assert.Null(writer);
        Assert.Contains("genesis block", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Golden_header_hash_of_a_fixed_block_matches_fabrics_asn1_encoding()
    {
        // Computed independently (Python: DER SEQUENCE{INTEGER 200, OCTET STRING prev, OCTET STRING data hash}, SHA-256);
        // 200 needs a leading zero byte in DER, which a naive encoder gets wrong.
        var data = new BlockData();
        data.Data.Add(ByteString.CopyFromUtf8("envelope-1"));
        data.Data.Add(ByteString.CopyFromUtf8("envelope-2"));
        data.Data.Add(ByteString.CopyFromUtf8("envelope-3"));

        Block block = BlockWriter.NewBlock(200, SHA256.HashData("fabricish-previous"u8), data);

        Assert.Equal("6fe34c4c85f673157040da00500cbf91528e5625507bb1d9b7514dcb7fe2cee6", Convert.ToHexStringLower(block.Header.DataHash.Span));
        Assert.Equal("397ef6b1b7a6a6ee87bca809dc934a79b6ac65850210b346ab7513cc0165cb2b", Convert.ToHexStringLower(BlockHashing.HeaderHash(block.Header)));
        Assert.Equal(5, block.Metadata.Metadata.Count);
    }

    private Envelope ConfigEnvelope(ulong sequence)
    {
        var config = new ConfigEnvelope { Config = new Config { Sequence = sequence, ChannelGroup = _network.ChannelGroup } };
        Payload payload = TestEnvelopes.Payload(_network.Orderer, TestNetwork.ChannelId, HeaderType.Config, config.ToByteString());
        ByteString bytes = payload.ToByteString();
        return new Envelope { Payload = bytes, Signature = ByteString.CopyFrom(_network.Orderer.Sign(bytes.Span)) };
    }
}
