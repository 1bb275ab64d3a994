using Fabricish.Channels.Blocks;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Peer.Tests.Events.Support;

/// <summary>Cuts blocks the way the orderer does: numbered, chained to the previous header and hashing their data.
/// Starts from a copy of the network's genesis block.</summary>
internal sealed class EventsTestChain
{
    private byte[] _previousHash;

    public EventsTestChain()
    {
        Genesis = EventsTestNetwork.Shared.Genesis.Clone();
        _previousHash = BlockHashing.HeaderHash(Genesis.Header);
        Next = 1;
    }

    public Block Genesis { get; }

    public ulong Next { get; private set; }

    public Block Cut(IReadOnlyList<Envelope> envelopes)
    {
        var data = new BlockData();
        data.Data.AddRange(envelopes.Select(e => e.ToByteString()));
        var block = new Block
        {
            Header = new BlockHeader { Number = Next, PreviousHash = ByteString.CopyFrom(_previousHash), DataHash = ByteString.CopyFrom(BlockHashing.DataHash(data)) },
            Data = data,
            Metadata = new BlockMetadata(),
        };
        _previousHash = BlockHashing.HeaderHash(block.Header);
        Next++;
        return block;
    }
}
