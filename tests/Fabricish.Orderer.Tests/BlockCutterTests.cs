using Fabricish.Channels.Config.Profile;
using Fabricish.Orderer.Cutting;
using Fabricish.Protos.Common;

namespace Fabricish.Orderer.Tests;

public sealed class BlockCutterTests
{
    // Preferred 100 bytes, at most 3 messages; absolute size is the broadcast filter's business, not the cutter's.
    private static readonly BatchSizeSpec Batch = new(MaxMessageCount: 3, AbsoluteMaxBytes: 1000, PreferredMaxBytes: 100);

    private static Envelope Small(byte tag) => TestEnvelopes.OfSize(10, tag: tag);

    [Fact]
    public void Reaching_max_message_count_cuts_a_batch_of_exactly_that_many_messages()
    {
        var cutter = new BlockCutter(Batch);
        Envelope a = Small(1), b = Small(2), c = Small(3);

        Assert.Equal(CutResult.None(pending: true), cutter.Ordered(a));
        Assert.Empty(cutter.Ordered(b).Batches);
        CutResult third = cutter.Ordered(c);

        IReadOnlyList<Envelope> batch = Assert.Single(third.Batches);
        Assert.Equal([a, b, c], batch);
        Assert.False(third.Pending);
        Assert.Equal(0, cutter.PendingCount);
    }

    [Fact]
    public void A_message_that_would_overflow_preferred_bytes_cuts_the_pending_batch_and_stays_pending()
    {
        var cutter = new BlockCutter(Batch);
        Envelope a = TestEnvelopes.OfSize(40, tag: 1), b = TestEnvelopes.OfSize(40, tag: 2), c = TestEnvelopes.OfSize(40, tag: 3);
        cutter.Ordered(a);
        cutter.Ordered(b);

        CutResult result = cutter.Ordered(c);

        Assert.Equal([a, b], Assert.Single(result.Batches));
        Assert.True(result.Pending);
        Assert.Equal(1, cutter.PendingCount);
        Assert.Equal(40, cutter.PendingBytes);
    }

    [Fact]
    public void A_message_exactly_filling_preferred_bytes_does_not_overflow()
    {
        var cutter = new BlockCutter(Batch);
        cutter.Ordered(TestEnvelopes.OfSize(60));

        CutResult result = cutter.Ordered(TestEnvelopes.OfSize(40));

        Assert.Empty(result.Batches);
        Assert.True(result.Pending);
        Assert.Equal(100, cutter.PendingBytes);
    }

    [Fact]
    public void An_oversized_message_cuts_the_pending_batch_first_and_is_isolated_in_its_own_batch()
    {
        var cutter = new BlockCutter(Batch);
        Envelope a = Small(1);
        Envelope big = TestEnvelopes.OfSize(101);
        cutter.Ordered(a);

        CutResult result = cutter.Ordered(big);

        Assert.Equal(2, result.Batches.Count);
        Assert.Equal([a], result.Batches[0]);
        Assert.Equal([big], result.Batches[1]);
        Assert.False(result.Pending);
        Assert.Equal(0, cutter.PendingCount);
    }

    [Fact]
    public void An_oversized_message_with_nothing_pending_is_one_batch_on_its_own()
    {
        var cutter = new BlockCutter(Batch);
        Envelope big = TestEnvelopes.OfSize(500);

        CutResult result = cutter.Ordered(big);

        Assert.Equal([big], Assert.Single(result.Batches));
        Assert.False(result.Pending);
    }

    [Fact]
    public void Message_size_counts_the_signature_as_well_as_the_payload()
    {
        var cutter = new BlockCutter(Batch);
        Envelope signedBig = TestEnvelopes.OfSize(payloadBytes: 60, signatureBytes: 41);

        CutResult result = cutter.Ordered(signedBig);

        Assert.Equal(101, BlockCutter.MessageSizeBytes(signedBig));
        Assert.Equal([signedBig], Assert.Single(result.Batches));
    }

    [Fact]
    public void A_config_message_cuts_the_pending_batch_and_travels_alone()
    {
        var cutter = new BlockCutter(Batch);
        Envelope a = Small(1), config = Small(9);
        cutter.Ordered(a);

        CutResult result = cutter.OrderedConfig(config);

        Assert.Equal(2, result.Batches.Count);
        Assert.Equal([a], result.Batches[0]);
        Assert.Equal([config], result.Batches[1]);
        Assert.False(result.Pending);
    }

    [Fact]
    public void A_config_message_with_nothing_pending_is_a_batch_of_one()
    {
        var cutter = new BlockCutter(Batch);
        Envelope config = Small(9);

        CutResult result = cutter.OrderedConfig(config);

        Assert.Equal([config], Assert.Single(result.Batches));
        Assert.Equal(0, cutter.PendingCount);
    }

    [Fact]
    public void Cut_on_timeout_with_nothing_pending_returns_an_empty_batch()
    {
        var cutter = new BlockCutter(Batch);

        Assert.Empty(cutter.Cut());
    }

    [Fact]
    public void Cut_on_timeout_returns_the_pending_messages_in_order_and_empties_the_cutter()
    {
        var cutter = new BlockCutter(Batch);
        Envelope a = Small(1), b = Small(2);
        cutter.Ordered(a);
        cutter.Ordered(b);

        IReadOnlyList<Envelope> batch = cutter.Cut();

        Assert.Equal([a, b], batch);
        Assert.Equal(0, cutter.PendingCount);
        Assert.Equal(0, cutter.PendingBytes);
        Assert.Empty(cutter.Cut());
    }

    [Fact]
    public void A_new_batch_size_applies_from_the_next_message()
    {
        var cutter = new BlockCutter(Batch);
        cutter.Ordered(Small(1));
        cutter.BatchSize = Batch with { MaxMessageCount = 2 };

        CutResult result = cutter.Ordered(Small(2));

        Assert.Equal(2, Assert.Single(result.Batches).Count);
    }

    [Fact]
    public void Two_cutters_fed_the_same_stream_cut_identical_batches()
    {
        int[] sizes = [10, 50, 45, 120, 5, 5, 5, 99, 1, 30, 80];
        var first = new BlockCutter(Batch);
        var second = new BlockCutter(Batch);

        List<int> Cuts(BlockCutter cutter) =>
            [.. sizes.SelectMany((size, i) => cutter.Ordered(TestEnvelopes.OfSize(size, tag: (byte)i)).Batches.Select(b => b.Count)), -1, cutter.Cut().Count];

        List<int> firstCuts = Cuts(first);
        Assert.Equal(firstCuts, Cuts(second));
        // 45 overflows [10,50]; 120 is isolated after [45]; 5,5,5 hit the count; 99+1 fill exactly 100;
        // 30 overflows [99,1]; 80 overflows [30] and is left for the timeout cut.
        Assert.Equal([2, 1, 1, 3, 2, 1, -1, 1], firstCuts);
    }
}
