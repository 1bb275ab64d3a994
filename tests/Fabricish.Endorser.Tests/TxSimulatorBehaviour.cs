using System.Text;
using Fabricish.Endorser.Simulation;
using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf;

namespace Fabricish.Endorser.Tests;

/// <summary>What a simulation records, against any world state implementation. Committed state: block 1 wrote
/// asset1..asset3, block 2 rewrote asset2 (tx 0) and wrote asset4 (tx 1).</summary>
public abstract class TxSimulatorBehaviour
{
    protected const string Ns = "basic";

    protected abstract IStateDatabase CreateFresh();

    [Fact]
    public async Task Reads_record_the_committed_version_of_each_key_and_no_version_for_absent_keys()
    {
        IStateDatabase state = await SeededAsync();
        TxSimulator simulator = await TxSimulator.CreateAsync(state, "tx1");

        byte[]? asset2 = await simulator.GetStateAsync(Ns, "asset2");
        byte[]? missing = await simulator.GetStateAsync(Ns, "nope");
        await simulator.GetStateAsync(Ns, "asset1");

        Assert.Equal(Asset("asset2", "jerry"), Encoding.UTF8.GetString(asset2!));
        Assert.Null(missing);
        KVRWSet set = Single(simulator.GetTxSimulationResults());
        Assert.Equal(
            ["asset1@1:0", "asset2@2:0", "nope@-"],
            set.Reads.Select(r => $"{r.Key}@{(r.Version is null ? "-" : $"{r.Version.BlockNum}:{r.Version.TxNum}")}"));
    }

    [Fact]
    public async Task Writes_are_buffered_and_a_later_read_still_sees_committed_state()
    {
        IStateDatabase state = await SeededAsync();
        TxSimulator simulator = await TxSimulator.CreateAsync(state, "tx1");

        simulator.SetState(Ns, "asset1", Bytes(Asset("asset1", "new")));
        simulator.DeleteState(Ns, "asset3");
        byte[]? reread = await simulator.GetStateAsync(Ns, "asset1");

        Assert.Equal(Asset("asset1", "tom"), Encoding.UTF8.GetString(reread!));
        Assert.Equal(Asset("asset1", "tom"), Encoding.UTF8.GetString((await state.GetStateAsync(Ns, "asset1"))!.Value));
        KVRWSet set = Single(simulator.GetTxSimulationResults());
        Assert.Equal(["asset1:False", "asset3:True"], set.Writes.Select(w => $"{w.Key}:{w.IsDelete}"));
        Assert.Equal(Asset("asset1", "new"), set.Writes[0].Value.ToStringUtf8());
    }

    [Fact]
    public async Task The_read_write_set_is_sorted_so_the_same_simulation_in_another_order_gives_identical_bytes()
    {
        IStateDatabase state = await SeededAsync();
        TxSimulator first = await TxSimulator.CreateAsync(state, "tx1");
        first.SetState("zeta", "b", Bytes("{}"));
        first.SetState("alpha", "z", Bytes("{}"));
        first.SetState("alpha", "a", Bytes("{}"));
        await first.GetStateAsync(Ns, "asset3");
        await first.GetStateAsync(Ns, "asset1");
        TxSimulator second = await TxSimulator.CreateAsync(state, "tx1");
        await second.GetStateAsync(Ns, "asset1");
        second.SetState("alpha", "a", Bytes("{}"));
        await second.GetStateAsync(Ns, "asset3");
        second.SetState("alpha", "z", Bytes("{}"));
        second.SetState("zeta", "b", Bytes("{}"));

        TxReadWriteSet results = first.GetTxSimulationResults();

        Assert.Equal(["alpha", "basic", "zeta"], results.NsRwset.Select(n => n.Namespace));
        Assert.Equal(["a", "z"], KVRWSet.Parser.ParseFrom(results.NsRwset[0].Rwset).Writes.Select(w => w.Key));
        Assert.Equal(results.ToByteArray(), second.GetTxSimulationResults().ToByteArray());
    }

    [Fact]
    public async Task A_range_scan_records_the_keys_pulled_and_the_last_key_when_the_chaincode_stops_early()
    {
        IStateDatabase state = await SeededAsync();
        TxSimulator simulator = await TxSimulator.CreateAsync(state, "tx1");

        await using (IAsyncEnumerator<VersionedKV> partial = simulator.GetStateRangeScanIterator(Ns, "asset1", "asset9"))
        {
            Assert.True(await partial.MoveNextAsync());
            Assert.True(await partial.MoveNextAsync());
        }

        var all = new List<string>();
        await using (IAsyncEnumerator<VersionedKV> full = simulator.GetStateRangeScanIterator(Ns, "asset2", "asset4"))
        {
            while (await full.MoveNextAsync())
            {
                all.Add(full.Current.Key);
            }
        }

        Assert.Equal(["asset2", "asset3"], all);
        KVRWSet set = Single(simulator.GetTxSimulationResults());
        Assert.Empty(set.Reads);
        Assert.Equal(2, set.RangeQueriesInfo.Count);
        RangeQueryInfo stopped = set.RangeQueriesInfo[0];
        Assert.Equal(("asset1", "asset2", false), (stopped.StartKey, stopped.EndKey, stopped.ItrExhausted));
        Assert.Equal(["asset1@1:0", "asset2@2:0"], stopped.RawReads.KvReads.Select(r => $"{r.Key}@{r.Version.BlockNum}:{r.Version.TxNum}"));
        RangeQueryInfo exhausted = set.RangeQueriesInfo[1];
        Assert.Equal(("asset2", "asset4", true), (exhausted.StartKey, exhausted.EndKey, exhausted.ItrExhausted));
        Assert.Equal(["asset2", "asset3"], exhausted.RawReads.KvReads.Select(r => r.Key));
    }

    [Fact]
    public async Task A_rich_query_returns_the_matching_documents_without_recording_reads()
    {
        IStateDatabase state = await SeededAsync();
        TxSimulator simulator = await TxSimulator.CreateAsync(state, "tx1");

        var owners = new List<string>();
        await foreach (VersionedKV kv in simulator.ExecuteQueryAsync(Ns, """{"selector":{"owner":"tom"}}"""))
        {
            owners.Add(kv.Key);
        }

        Assert.Equal(["asset1", "asset3"], owners.Order(StringComparer.Ordinal));
        Assert.Empty(simulator.GetTxSimulationResults().NsRwset);
    }

    [Fact]
    public async Task A_read_that_meets_a_block_committed_after_the_simulation_started_is_refused()
    {
        IStateDatabase state = await SeededAsync();
        TxSimulator simulator = await TxSimulator.CreateAsync(state, "tx1");
        var block3 = new UpdateBatch();
        block3.Put(Ns, "asset1", Bytes(Asset("asset1", "late")), new Height(3, 0));
        await state.ApplyUpdatesAsync(block3, new Height(3, 0));

        var refused = await Assert.ThrowsAsync<TxSimulatorException>(() => simulator.GetStateAsync(Ns, "asset1"));

        Assert.Contains("state moved during simulation: key [basic/asset1] has version 3:0", refused.Message);
    }

    [Fact]
    public async Task Paginated_queries_and_writes_exclude_each_other_as_in_Fabric()
    {
        IStateDatabase state = await SeededAsync();
        TxSimulator writer = await TxSimulator.CreateAsync(state, "tx1");
        writer.SetState(Ns, "k", Bytes("{}"));
        TxSimulator pager = await TxSimulator.CreateAsync(state, "tx2");
        ResultsPage page = await pager.GetStateRangePageAsync(Ns, "asset1", "asset9", 2, string.Empty);

        var noPaging = await Assert.ThrowsAsync<TxSimulatorException>(() => writer.GetStateRangePageAsync(Ns, "asset1", "asset9", 2, string.Empty));
        var noWrite = Assert.Throws<TxSimulatorException>(() => pager.SetState(Ns, "k", Bytes("{}")));

        Assert.Equal("transaction has already performed write(s). Paginated queries are not allowed", noPaging.Message);
        Assert.Equal("transaction has already performed a paginated query. Writes are not allowed", noWrite.Message);
        Assert.Equal(["asset1", "asset2"], page.Results.Select(r => r.Key));
        RangeQueryInfo info = Single(pager.GetTxSimulationResults()).RangeQueriesInfo.Single();
        Assert.Equal(("asset1", "asset2", false), (info.StartKey, info.EndKey, info.ItrExhausted));
    }

    [Fact]
    public async Task History_queries_without_a_history_index_fail_with_a_clear_error()
    {
        TxSimulator simulator = await TxSimulator.CreateAsync(await SeededAsync(), "tx1");

        var refused = Assert.Throws<TxSimulatorException>(() => simulator.GetHistoryForKeyAsync(Ns, "asset1"));

        Assert.Contains("history database is not enabled", refused.Message);
    }

    [Fact]
    public async Task Key_metadata_stored_with_the_value_is_read_back_and_the_read_records_the_keys_version()
    {
        IStateDatabase state = CreateFresh();
        var batch = new UpdateBatch();
        byte[] metadata = KeyMetadata.Serialize([new KVMetadataEntry { Name = KeyMetadata.ValidationParameter, Value = ByteString.CopyFrom(0x05, 0x06) }]);
        batch.Put(Ns, "guarded", Bytes("{}"), new Height(1, 2), metadata);
        await state.ApplyUpdatesAsync(batch, new Height(1, 2));
        TxSimulator simulator = await TxSimulator.CreateAsync(state, "tx1");

        IReadOnlyDictionary<string, byte[]>? read = await simulator.GetStateMetadataAsync(Ns, "guarded");

        Assert.Equal([0x05, 0x06], read![KeyMetadata.ValidationParameter]);
        KVRead recorded = Single(simulator.GetTxSimulationResults()).Reads.Single();
        Assert.Equal(("guarded", 1ul, 2ul), (recorded.Key, recorded.Version.BlockNum, recorded.Version.TxNum));
    }

    protected static string Asset(string id, string owner) => $$"""{"ID":"{{id}}","owner":"{{owner}}"}""";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static KVRWSet Single(TxReadWriteSet results) => KVRWSet.Parser.ParseFrom(results.NsRwset.Single(n => n.Namespace == Ns).Rwset);

    private async Task<IStateDatabase> SeededAsync()
    {
        IStateDatabase state = CreateFresh();
        var block1 = new UpdateBatch();
        block1.Put(Ns, "asset1", Bytes(Asset("asset1", "tom")), new Height(1, 0));
        block1.Put(Ns, "asset2", Bytes(Asset("asset2", "tom")), new Height(1, 0));
        block1.Put(Ns, "asset3", Bytes(Asset("asset3", "tom")), new Height(1, 1));
        await state.ApplyUpdatesAsync(block1, new Height(1, 1));
        var block2 = new UpdateBatch();
        block2.Put(Ns, "asset2", Bytes(Asset("asset2", "jerry")), new Height(2, 0));
        block2.Put(Ns, "asset4", Bytes(Asset("asset4", "jerry")), new Height(2, 1));
        await state.ApplyUpdatesAsync(block2, new Height(2, 1));
        return state;
    }
}
