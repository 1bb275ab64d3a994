using System.Security.Cryptography;
using Fabricish.Channels.Blocks;
using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Ledger;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Orderer.Blocks;

/// <summary>
/// Assembles the next block of a channel and commits it as a Fabric v2.5 orderer does (<c>multichannel.BlockWriter</c>):
/// previous hash over the last header, data hash over the envelopes, LAST_CONFIG = Metadata{LastConfig}, and SIGNATURES =
/// Metadata{value = OrdererBlockMetadata{last_config, consenter_metadata = Metadata{consenter bytes}}, one signature by
/// this orderer over value ‖ signature header ‖ ASN.1 header bytes}. TRANSACTIONS_FILTER and the other slots stay empty:
/// the orderer never judges transactions, each peer fills the filter when it validates the block.
/// Commits are synchronous; the consenter owns the writer and calls it from one thread.
/// </summary>
internal sealed class BlockWriter
{
    /// <summary>Fabric's <c>crypto.NonceSize</c>.</summary>
    public const int NonceSize = 24;

    /// <summary>One empty slot per BlockMetadataIndex, as <c>protoutil.NewBlock</c> leaves them.</summary>
    private static readonly int MetadataSlots = Enum.GetValues<BlockMetadataIndex>().Length;

    private readonly BlockStore _store;
    private readonly SigningIdentity _signer;
    private readonly TimeProvider _time;
    private Block _lastBlock;
    private ulong _lastConfigSequence;

    private BlockWriter(BlockStore store, SigningIdentity signer, TimeProvider time, Block lastBlock, ulong lastConfigBlockNumber, ChannelConfig config)
    {
        _store = store;
        _signer = signer;
        _time = time;
        _lastBlock = lastBlock;
        LastConfigBlockNumber = lastConfigBlockNumber;
        Config = config;
        _lastConfigSequence = config.Sequence;
    }

    /// <summary>This orderer's identity, which signs the blocks (and the CONFIG envelopes the consenter re-computes).</summary>
    public SigningIdentity Signer => _signer;

    /// <summary>Number of the newest config block; every block written records it.</summary>
    public ulong LastConfigBlockNumber { get; private set; }

    /// <summary>The channel configuration in force after the last written block.</summary>
    public ChannelConfig Config { get; private set; }

    public ulong Height => _lastBlock.Header.Number + 1;

    /// <summary>
    /// Resumes the chain held by <paramref name="store"/>, which must hold at least the channel's genesis block:
    /// finds the last config block from the tip's metadata and reads the configuration it carries.
    /// </summary>
    /// <param name="time">The clock the channel's MSPs judge certificates by; the system clock when null.</param>
    public static BlockWriter? TryOpen(BlockStore store, SigningIdentity signer, out string? error, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signer);
        if (store.Height == 0)
        {
            error = "the ledger is empty: append the channel's genesis block before ordering";
            return null;
        }

        Block tip = store.GetBlock(store.Height - 1)!;

        // As in Fabric, the genesis block's last-config field may be empty: block 0 is then necessarily the last config.
        ulong? lastConfig = tip.Header.Number == 0 ? 0 : BlockMetadataReader.TryGetLastConfigIndex(tip);
        if (lastConfig is not { } lastConfigNumber || lastConfigNumber > tip.Header.Number)
        {
            error = $"block {tip.Header.Number} does not record a usable last config block index";
            return null;
        }

        Block configBlock = lastConfigNumber == tip.Header.Number ? tip : store.GetBlock(lastConfigNumber)!;
        ConfigResult<ChannelConfig> config = ChannelConfig.FromBlock(configBlock, time);
        if (!config.IsOk)
        {
            error = $"last config block {lastConfigNumber}: {config.Error}";
            return null;
        }

        error = null;
        return new BlockWriter(store, signer, time ?? TimeProvider.System, tip, lastConfigNumber, config.Value!);
    }

    /// <summary>The block after the last one created, holding <paramref name="messages"/>, with empty metadata slots.</summary>
    public Block CreateNextBlock(IReadOnlyList<Envelope> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var data = new BlockData();
        for (int i = 0; i < messages.Count; i++)
        {
            data.Data.Add(messages[i].ToByteString());
        }

        return NewBlock(_lastBlock.Header.Number + 1, BlockHashing.HeaderHash(_lastBlock.Header), data);
    }

    /// <summary>Signs and commits a block of normal transactions.</summary>
    /// <param name="consenterMetadata">The consenter's resume point (KafkaMetadata bytes for Kafka).</param>
    public BlockWriteResult WriteBlock(Block block, ReadOnlySpan<byte> consenterMetadata)
    {
        ArgumentNullException.ThrowIfNull(block);
        return Commit(block, consenterMetadata, newConfig: null);
    }

    /// <summary>
    /// Signs and commits a block holding one CONFIG envelope, after which its configuration is in force.
    /// A block whose configuration cannot be read is refused (Fabric panics here: the config was validated
    /// before ordering, so this means a bug or a corrupt stream).
    /// </summary>
    public BlockWriteResult WriteConfigBlock(Block block, ReadOnlySpan<byte> consenterMetadata)
    {
        ArgumentNullException.ThrowIfNull(block);
        ConfigResult<ChannelConfig> config = ChannelConfig.FromBlock(block, _time);
        if (!config.IsOk)
        {
            return BlockWriteResult.Refused($"config block {block.Header?.Number}: {config.Error}");
        }

        // A change of consensus type (migration) resets the consenter's metadata, as in Fabric.
        if (config.Value!.Orderer.ConsensusType != Config.Orderer.ConsensusType)
        {
            consenterMetadata = [];
        }

        return Commit(block, consenterMetadata, config.Value);
    }

    private BlockWriteResult Commit(Block block, ReadOnlySpan<byte> consenterMetadata, ChannelConfig? newConfig)
    {
        if (block.Header is null || block.Metadata is null || block.Metadata.Metadata.Count < MetadataSlots)
        {
            return BlockWriteResult.Refused("block lacks a header or its metadata slots; build it with CreateNextBlock");
        }

        ulong lastConfigNumber = LastConfigBlockNumber;
        if (newConfig is not null && newConfig.Sequence > _lastConfigSequence)
        {
            lastConfigNumber = block.Header.Number;
        }

        block.Metadata.Metadata[(int)BlockMetadataIndex.LastConfig] =
            new Metadata { Value = new LastConfig { Index = lastConfigNumber }.ToByteString() }.ToByteString();
        if (block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures].IsEmpty)
        {
            block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures] = Sign(block.Header, lastConfigNumber, consenterMetadata);
        }

        AppendResult appended = _store.Append(block);
        if (!appended.Accepted)
        {
            return BlockWriteResult.Refused(appended.Reason!);
        }

        _lastBlock = block;
        LastConfigBlockNumber = lastConfigNumber;
        if (newConfig is not null)
        {
            Config = newConfig;
            _lastConfigSequence = newConfig.Sequence;
        }

        return BlockWriteResult.Written(block, newConfig);
    }

    private ByteString Sign(BlockHeader header, ulong lastConfigNumber, ReadOnlySpan<byte> consenterMetadata)
    {
        byte[] value = new OrdererBlockMetadata
        {
            LastConfig = new LastConfig { Index = lastConfigNumber },
            ConsenterMetadata = new Metadata { Value = ByteString.CopyFrom(consenterMetadata) }.ToByteString(),
        }.ToByteArray();
        byte[] signatureHeader = new SignatureHeader
        {
            Creator = UnsafeByteOperations.UnsafeWrap(_signer.Serialize()),
            Nonce = UnsafeByteOperations.UnsafeWrap(RandomNumberGenerator.GetBytes(NonceSize)),
        }.ToByteArray();
        byte[] signature = _signer.Sign(BlockSignatureVerifier.SignedBytes(value, signatureHeader, header));

        var metadata = new Metadata { Value = UnsafeByteOperations.UnsafeWrap(value) };
        metadata.Signatures.Add(new MetadataSignature
        {
            SignatureHeader = UnsafeByteOperations.UnsafeWrap(signatureHeader),
            Signature = UnsafeByteOperations.UnsafeWrap(signature),
        });
        return metadata.ToByteString();
    }

    internal static Block NewBlock(ulong number, byte[] previousHash, BlockData data)
    {
        var block = new Block
        {
            Header = new BlockHeader
            {
                Number = number,
                PreviousHash = UnsafeByteOperations.UnsafeWrap(previousHash),
                DataHash = UnsafeByteOperations.UnsafeWrap(BlockHashing.DataHash(data)),
            },
            Data = data,
            Metadata = new BlockMetadata(),
        };
        for (int i = 0; i < MetadataSlots; i++)
        {
            block.Metadata.Metadata.Add(ByteString.Empty);
        }

        return block;
    }
}
