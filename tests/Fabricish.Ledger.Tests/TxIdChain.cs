using Fabricish.Protos.Common;
using Fabricish.Testing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Ledger.Tests;

/// <summary>A chain from block 0 whose blocks hold one endorser-transaction envelope per tx id, marked all valid as
/// the committer leaves them; the blocks are kept for reading back.</summary>
internal sealed class TxIdChain
{
    private readonly List<Block> _blocks = [];
    private TestChain _chain = new();
    private TestChain _beforeLast = new();

    public IReadOnlyList<Block> Blocks => _blocks;

    /// <summary>The next block of the chain, holding one endorser-transaction envelope per tx id.</summary>
    public Block Next(params string[] txIds)
    {
        _beforeLast = _chain.Fork();
        Block block = _chain.Cut(txIds.Select(Transaction));
        block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter] = ByteString.CopyFrom(new byte[txIds.Length]);
        _blocks.Add(block);
        return block;
    }

    /// <summary>Another block in place of the last one (same number and previous hash), as after a lost append.</summary>
    public Block ReplaceLast(params string[] txIds)
    {
        _blocks.RemoveAt(_blocks.Count - 1);
        _chain = _beforeLast;
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

    /// <summary>The bytes of an endorser-transaction envelope carrying <paramref name="txId"/>.</summary>
    public static byte[] Envelope(string txId) => Transaction(txId).ToByteArray();

    private static Envelope Transaction(string txId)
    {
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            Version = 0,
            Timestamp = Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            ChannelId = TestNetwork.ChannelId,
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
        };
    }
}
