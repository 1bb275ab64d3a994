using Fabricish.Channels.Blocks;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Benchmarks.Committing;

/// <summary>Cuts blocks as the orderer does, numbered and chained after the channel's genesis block, with the five
/// metadata slots a delivered block has (the committer writes the TRANSACTIONS_FILTER slot).</summary>
internal sealed class BenchChain
{
    private byte[] _previousHash;

    public BenchChain(Block genesis)
    {
        Genesis = genesis;
        _previousHash = BlockHashing.HeaderHash(genesis.Header);
    }

    public Block Genesis { get; }

    /// <summary>A chain that goes on from where this one is, leaving this one as it is.</summary>
    public BenchChain Fork() => new(Genesis) { _previousHash = _previousHash, Next = Next };

    public ulong Next { get; private set; } = 1;

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
        for (int i = 0; i < 5; i++)
        {
            block.Metadata.Metadata.Add(ByteString.Empty);
        }

        _previousHash = BlockHashing.HeaderHash(block.Header);
        Next++;
        return block;
    }
}
