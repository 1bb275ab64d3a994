using System.Text;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.CouchDb;
using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;

namespace Fabricish.Ledger.Tests.State;

/// <summary>The committed-state cache of <see cref="CouchDbStateDatabase"/> against pouchdb-server: a hit is byte for
/// byte what a fresh read returns, and recently written or read keys cost no round trip.</summary>
public sealed class CouchDbStateCacheTests(PouchDbFixture fixture) : IClassFixture<PouchDbFixture>, IDisposable
{
    private const string Ns = "cc";

    private static readonly CouchDbStateOptions Uncached = new() { CacheSize = 0 };

    private readonly HttpClient _http = fixture.Server.CreateClient();

    public void Dispose() => _http.Dispose();

    public static TheoryData<string> Values() =>
    [
        "{\"b\":1,\"a\":{\"z\":[3,2,{\"y\":true,\"x\":null}],\"m\":\"<tag>&amp;\"}}",
        "{ \"ID\" : \"asset1\", \"Color\":\"blue\",\n \"Size\":5, \"Owner\":\"Tom\", \"AppraisedValue\":300 }",
        "{\"unicode\":\"\\u00e9t\\u00e9 \\ud83d\\ude00 \\u2028\",\"esc\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0001\"}",
        "{\"float\":1.0,\"exp\":1e2,\"trailing\":1.50,\"big\":12345678901234567890}",
        "{\"neg\":-42,\"zero\":0,\"max\":9007199254740992,\"min\":-9007199254740992}",
        "{\"dup\":1,\"dup\":2}",
        "[1,2,3]",
        "\"just a string\"",
        "not json at all",
        "{}",
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public async Task A_cached_value_is_byte_for_byte_what_a_fresh_read_returns(string text)
    {
        var db = new CouchDbStateDatabase(_http, Channel());
        var block = new UpdateBatch();
        block.Put(Ns, "k", Encoding.UTF8.GetBytes(text), new Height(2, 0), [7, 7]);
        block.Put(Ns, "binary", [0, 255, 1, 254], new Height(2, 1));
        await db.ApplyUpdatesAsync(block, new Height(2, 1));

        IReadOnlyList<VersionedValue?> cached = await db.GetStatesAsync(Ns, ["k", "binary", "absent"]);
        IReadOnlyList<VersionedValue?> fresh = await new CouchDbStateDatabase(_http, db.ChannelName, Uncached).GetStatesAsync(Ns, ["k", "binary", "absent"]);

        for (int i = 0; i < fresh.Count; i++)
        {
            Assert.Equal(fresh[i]?.Value, cached[i]?.Value);
            Assert.Equal(fresh[i]?.Version, cached[i]?.Version);
            Assert.Equal(fresh[i]?.Metadata, cached[i]?.Metadata);
        }
    }

    [Fact]
    public async Task Keys_this_peer_wrote_are_read_and_version_checked_without_a_round_trip()
    {
        var counter = new ConflictCountingHandler();
        using var counted = fixture.Server.CreateClient(counter);
        var db = new CouchDbStateDatabase(counted, Channel());
        var block = new UpdateBatch();
        block.Put(Ns, "asset1", Encoding.UTF8.GetBytes("{\"Owner\":\"Tom\",\"Size\":5}"), new Height(3, 0));
        block.Put(Ns, "gone", [1], new Height(3, 1));
        await db.ApplyUpdatesAsync(block, new Height(3, 1));
        var deletion = new UpdateBatch();
        deletion.Delete(Ns, "gone", new Height(4, 0));
        await db.ApplyUpdatesAsync(deletion, new Height(4, 0));
        int reads = counter.BulkReads;

        IReadOnlyList<VersionedValue?> values = await db.GetStatesAsync(Ns, ["asset1", "gone"]);
        IReadOnlyDictionary<CompositeKey, Height> versions = await db.GetVersionsAsync([new(Ns, "asset1"), new(Ns, "gone")]);

        Assert.Equal("{\"Owner\":\"Tom\",\"Size\":5}", Encoding.UTF8.GetString(values[0]!.Value));
        Assert.Null(values[1]);
        Assert.Equal(new Height(3, 0), versions[new CompositeKey(Ns, "asset1")]);
        Assert.False(versions.ContainsKey(new CompositeKey(Ns, "gone")));
        Assert.Equal(reads, counter.BulkReads);
    }

    [Fact]
    public async Task A_key_read_once_is_answered_from_memory_the_next_time_and_a_missing_key_too()
    {
        var writer = new CouchDbStateDatabase(_http, Channel());
        var block = new UpdateBatch();
        block.Put(Ns, "k", Encoding.UTF8.GetBytes("{\"v\":1}"), new Height(2, 0));
        await writer.ApplyUpdatesAsync(block, new Height(2, 0));
        var counter = new ConflictCountingHandler();
        using var counted = fixture.Server.CreateClient(counter);
        var reader = new CouchDbStateDatabase(counted, writer.ChannelName);

        await reader.GetStatesAsync(Ns, ["k", "missing"]);
        int reads = counter.BulkReads;
        IReadOnlyList<VersionedValue?> again = await reader.GetStatesAsync(Ns, ["k", "missing"]);

        Assert.Equal(reads, counter.BulkReads);
        Assert.Equal("{\"v\":1}", Encoding.UTF8.GetString(again[0]!.Value));
        Assert.Null(again[1]);
    }

    [Fact]
    public async Task With_the_cache_off_every_read_goes_to_the_database()
    {
        var counter = new ConflictCountingHandler();
        using var counted = fixture.Server.CreateClient(counter);
        var db = new CouchDbStateDatabase(counted, Channel(), Uncached);
        var block = new UpdateBatch();
        block.Put(Ns, "k", Encoding.UTF8.GetBytes("{\"v\":1}"), new Height(2, 0));
        await db.ApplyUpdatesAsync(block, new Height(2, 0));
        int reads = counter.BulkReads;

        await db.GetStateAsync(Ns, "k");
        await db.GetStateAsync(Ns, "k");

        Assert.Equal(reads + 2, counter.BulkReads);
    }

    private static string Channel() => "cache" + Guid.NewGuid().ToString("N")[..12];
}
