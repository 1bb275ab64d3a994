using Fabricish.Channels.Blocks;
using Fabricish.Protos.Common;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Ledger.Tests;

/// <summary>Builds a valid chain of blocks whose data entries are real Fabric envelopes carrying tx ids.</summary>
internal sealed class TestChain
{
    private readonly List<Block> _blocks = [];

    public IReadOnlyList<Block> Blocks => _blocks;

    /// <summary>The next block of the chain, holding one endorser-transaction envelope per tx id.</summary>
    public Block Next(params string[] txIds)
    {
        var data = new BlockData();
        foreach (string txId in txIds)
        {
            data.Data.Add(ByteString.CopyFrom(Envelope(txId)));
        }

        var block = new Block
        {
            Header = new BlockHeader
            {
                Number = (ulong)_blocks.Count,
                PreviousHash = _blocks.Count == 0
                    ? ByteString.Empty
                    : ByteString.CopyFrom(BlockHashing.HeaderHash(_blocks[^1].Header)),
                DataHash = ByteString.CopyFrom(BlockHashing.DataHash(data)),
            },
            Data = data,
            Metadata = new BlockMetadata(),
        };
        for (int i = 0; i < 5; i++)
        {
            block.Metadata.Metadata.Add(i == 2 ? ByteString.CopyFrom(new byte[txIds.Length]) : ByteString.Empty);
        }

        _blocks.Add(block);
        return block;
    }

    /// <summary>Another block in place of the last one (same number and previous hash), as after a lost append.</summary>
    public Block ReplaceLast(params string[] txIds)
    {
        _blocks.RemoveAt(_blocks.Count - 1);
        return Next(txIds);
    }

    /// <summary>Appends <paramref name="count"/> blocks with two unique transactions each.</summary>
    public void AppendTo(BlockStore store, int count)
    {
        for (int i = 0; i < count; i++)
        {
            int number = _blocks.Count;
            var result = store.Append(Next($"tx-{number}-a", $"tx-{number}-b"));
            Assert.True(result.Accepted, result.Reason);
        }
    }

    public static byte[] Envelope(string txId)
    {
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            Version = 0,
            Timestamp = Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            ChannelId = "mychannel",
            TxId = txId,
        };
        var payload = new Payload
        {
            Header = new Header
            {
                ChannelHeader = channelHeader.ToByteString(),
                SignatureHeader = new SignatureHeader
                {
                    Creator = ByteString.CopyFromUtf8("Org1MSP creator"),
                    Nonce = ByteString.CopyFromUtf8("nonce-" + txId),
                }.ToByteString(),
            },
            Data = ByteString.CopyFromUtf8("proposal response payload for " + txId),
        };
        return new Envelope
        {
            Payload = payload.ToByteString(),
            Signature = ByteString.CopyFromUtf8("signature"),
        }.ToByteArray();
    }
}
