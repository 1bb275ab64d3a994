using Fabricish.Channels.Blocks;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Testing;

/// <summary>Cuts blocks the way the orderer does: numbered, chained to the previous header, hashing their data, with
/// the five metadata slots a delivered block has (the committer fills TRANSACTIONS_FILTER). Starts after a genesis
/// block, or from block 0 for a store's own tests.</summary>
public sealed class TestChain
{
    private const int MetadataSlots = 5;

    private readonly Block? _genesis;
    private byte[] _previousHash;

    /// <summary>A chain whose first cut is block 0, with no previous hash.</summary>
    public TestChain() => _previousHash = [];

    /// <summary>A chain going on after <paramref name="genesis"/> (the caller's copy, kept as it is).</summary>
    public TestChain(Block genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        _genesis = genesis;
        _previousHash = BlockHashing.HeaderHash(genesis.Header);
        Next = 1;
    }

    public Block Genesis => _genesis ?? throw new InvalidOperationException("this chain starts at block 0, after no genesis block");

    /// <summary>The number of the next block cut.</summary>
    public ulong Next { get; private set; }

    /// <summary>A chain that goes on from where this one is, leaving this one as it is.</summary>
    public TestChain Fork()
    {
        TestChain fork = _genesis is null ? new TestChain() : new TestChain(_genesis);
        fork._previousHash = _previousHash;
        fork.Next = Next;
        return fork;
    }

    public Block Cut(params Envelope[] envelopes) => Cut((IEnumerable<Envelope>)envelopes);

    public Block Cut(IEnumerable<Envelope> envelopes)
    {
        var data = new BlockData();
        data.Data.AddRange(envelopes.Select(e => e.ToByteString()));
        var block = new Block
        {
            Header = new BlockHeader { Number = Next, PreviousHash = ByteString.CopyFrom(_previousHash), DataHash = ByteString.CopyFrom(BlockHashing.DataHash(data)) },
            Data = data,
            Metadata = new BlockMetadata(),
        };
        for (int i = 0; i < MetadataSlots; i++)
        {
            block.Metadata.Metadata.Add(ByteString.Empty);
        }

        _previousHash = BlockHashing.HeaderHash(block.Header);
        Next++;
        return block;
    }
}
