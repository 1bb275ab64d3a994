using Fabricish.Explorer.Ledger;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Network.Tests.Explorer;

/// <summary>The explorer's in-memory index of a channel without a network: bounded to its capacity (older blocks and
/// their transaction IDs are forgotten), validation codes from TRANSACTIONS_FILTER, and the per-second throughput.</summary>
public sealed class ChannelIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Keeps_only_the_newest_blocks_up_to_its_capacity_and_finds_their_transactions_by_id()
    {
        var index = new ChannelIndex("mychannel", 10, new FixedTime(Now)) { CaughtUp = true };
        for (ulong n = 0; n < 25; n++)
        {
            index.Add(Block(n, (TxValidationCode.Valid, $"tx{n}")));
        }

        Assert.Equal(25ul, index.Height);
        Assert.Equal(10, index.Recent(100).Count);
        Assert.Equal(24ul, index.Recent(1)[0].Number);
        Assert.Null(index.TryGetBlock(14));
        Assert.NotNull(index.TryGetBlock(15));
        Assert.Null(index.TryFindTransaction("tx14"));
        Assert.Equal((20ul, 0), index.TryFindTransaction("tx20")!.Value);
        Assert.Equal(new ulong[] { 19, 18 }, index.Recent(2, before: 20).Select(b => b.Number));
    }

    [Fact]
    public void Counts_validation_codes_and_committed_transactions_per_second_and_tells_subscribers()
    {
        var index = new ChannelIndex("mychannel", 10, new FixedTime(Now)) { CaughtUp = true };
        var live = index.Subscribe();
        index.Add(Block(0, (TxValidationCode.Valid, "a"), (TxValidationCode.MvccReadConflict, "b"), (TxValidationCode.Valid, "c")));

        Assert.Equal(2, index.CodeMix()[(int)TxValidationCode.Valid]);
        Assert.Equal(1, index.CodeMix()[(int)TxValidationCode.MvccReadConflict]);
        ThroughputSnapshot rate = index.Throughput();
        Assert.Equal(2, rate.Valid[^1]);
        Assert.Equal(1, rate.Invalid[^1]);
        Assert.Equal(0.3, rate.RecentTxPerSecond, 3);
        Assert.True(live.Reader.TryRead(out BlockSummary? seen));
        Assert.Equal(new[] { "a", "b", "c" }, seen!.TxIds);
        Assert.Equal("MVCC_READ_CONFLICT", ValidationCodeNames.Name(seen.Codes[1]));
    }

    private static Block Block(ulong number, params (TxValidationCode Code, string TxId)[] transactions)
    {
        var block = new Block
        {
            Header = new BlockHeader { Number = number, DataHash = ByteString.CopyFrom(new byte[32]), PreviousHash = ByteString.CopyFrom(new byte[32]) },
            Data = new BlockData(),
            Metadata = new BlockMetadata(),
        };
        foreach ((_, string txId) in transactions)
        {
            var header = new ChannelHeader { Type = (int)HeaderType.EndorserTransaction, ChannelId = "mychannel", TxId = txId, Timestamp = Timestamp.FromDateTimeOffset(Now) };
            var payload = new Payload { Header = new Header { ChannelHeader = header.ToByteString() } };
            block.Data.Data.Add(new Envelope { Payload = payload.ToByteString() }.ToByteString());
        }

        for (int i = 0; i < 5; i++)
        {
            block.Metadata.Metadata.Add(ByteString.Empty);
        }

        block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter] = ByteString.CopyFrom([.. transactions.Select(t => (byte)t.Code)]);
        return block;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
