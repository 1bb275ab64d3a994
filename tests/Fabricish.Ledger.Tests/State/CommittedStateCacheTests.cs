using Fabricish.Ledger.State;
using Fabricish.Ledger.State.CouchDb;

namespace Fabricish.Ledger.Tests.State;

public sealed class CommittedStateCacheTests
{
    private static readonly CompositeKey Key = new("cc", "k");

    [Fact]
    public void A_read_that_overlapped_a_write_is_not_cached()
    {
        var cache = new CommittedStateCache(1 << 20);
        long? stamp = cache.ReadStamp();
        cache.BeginWrite();
        cache.EndWrite();

        cache.AddRead(stamp, Key, "1-a", Value(1));

        Assert.False(cache.TryGetValue(Key, out _));
    }

    [Fact]
    public void A_read_that_started_while_a_write_ran_is_not_cached()
    {
        var cache = new CommittedStateCache(1 << 20);
        cache.BeginWrite();
        long? stamp = cache.ReadStamp();
        cache.EndWrite();

        cache.AddRead(stamp, Key, "1-a", Value(1));

        Assert.Null(stamp);
        Assert.False(cache.TryGetValue(Key, out _));
    }

    [Fact]
    public void A_read_never_replaces_what_a_write_recorded()
    {
        var cache = new CommittedStateCache(1 << 20);
        cache.SetWritten(Key, "2-b", Value(2), valueKnown: true);

        cache.AddRead(cache.ReadStamp(), Key, "1-a", Value(1));

        Assert.True(cache.TryGetValue(Key, out VersionedValue? value));
        Assert.Equal(new Height(2, 0), value!.Version);
    }

    [Fact]
    public void A_version_loaded_for_MVCC_does_not_answer_a_value_read()
    {
        var cache = new CommittedStateCache(1 << 20);
        cache.SetLoaded(Key, "1-a", new Height(1, 0));

        Assert.True(cache.TryGetVersion(Key, out Height? version));
        Assert.Equal(new Height(1, 0), version);
        Assert.False(cache.TryGetValue(Key, out _));
    }

    [Fact]
    public void The_cache_stays_within_its_budget_and_keeps_the_newest_entries()
    {
        var cache = new CommittedStateCache(64 * 1024);
        for (int i = 0; i < 10_000; i++)
        {
            cache.SetWritten(new CompositeKey("cc", "key" + i), "1-a", new VersionedValue(new byte[100], new Height((ulong)i, 0)), valueKnown: true);
        }

        // Each entry costs a few hundred bytes: 64 KiB holds well under a thousand of them.
        Assert.InRange(cache.Count, 1, 1_000);
        Assert.True(cache.TryGetValue(new CompositeKey("cc", "key9999"), out _));
        Assert.False(cache.TryGetValue(new CompositeKey("cc", "key0"), out _));
    }

    [Fact]
    public void A_cache_of_size_zero_holds_nothing()
    {
        var cache = new CommittedStateCache(0);
        cache.SetWritten(Key, "1-a", Value(1), valueKnown: true);
        cache.AddRead(cache.ReadStamp(), Key, "1-a", Value(1));

        Assert.Equal(0, cache.Count);
    }

    private static VersionedValue Value(ulong block) => new([1], new Height(block, 0));
}
