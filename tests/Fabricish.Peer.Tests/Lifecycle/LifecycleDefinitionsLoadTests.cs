using System.Diagnostics;
using Fabricish.Ledger.State;
using Fabricish.Peer.Lifecycle;
using Fabricish.Peer.Rpc;
using Fabricish.Peer.Tests.Events.Support;
using Fabricish.Testing;
using Fabricish.Testing.State;
using Fabricish.Testing.Threading;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabricish.Peer.Tests.Lifecycle;

/// <summary>A restarted peer loads each channel's chaincode definitions from state while requests already ask for
/// them: the requests wait for the load without holding threads, and give up with UNAVAILABLE if it never completes.</summary>
public sealed class LifecycleDefinitionsLoadTests
{
    private const int Lookups = 300;

    [Fact]
    public async Task Hundreds_of_lookups_during_a_slow_load_all_answer_within_seconds_of_it_on_saturated_request_threads()
    {
        var state = new GatedReadsStateDatabase();
        await CommitDefinitionAsync(state, "basic");
        using var ledger = new TestPeerLedger(state);
        LifecycleDefinitions definitions = Definitions(ledger);
        using var threads = new RequestThreads(4);

        Task<LifecycleDefinition?>[] lookups = [.. Enumerable.Range(0, Lookups).Select(_ => threads.Run(() => definitions.GetAsync(TestNetwork.ChannelId, "basic").AsTask()))];
        await WaitUntilAsync(() => state.RangeReads > 0);

        // The database answers the load on a request thread, behind whatever requests queued first.
        var sinceAnswer = Stopwatch.StartNew();
        _ = threads.Post(state.Open);
        bool answered = await AllCompleteWithinAsync(lookups, TimeSpan.FromSeconds(20));

        Assert.True(answered, $"{lookups.Count(l => !l.IsCompleted)} of {Lookups} lookups still waiting {sinceAnswer.Elapsed} after the database answered");
        Assert.True(sinceAnswer.Elapsed < TimeSpan.FromSeconds(5), $"lookups took {sinceAnswer.Elapsed} after the database answered");
        Assert.All(await Task.WhenAll(lookups), a => Assert.Equal(1, a?.Sequence));
    }

    [Fact]
    public async Task A_lookup_fails_as_unavailable_when_the_definitions_do_not_load_in_time()
    {
        var state = new GatedReadsStateDatabase();
        using var ledger = new TestPeerLedger(state);
        LifecycleDefinitions definitions = Definitions(ledger, TimeSpan.FromMilliseconds(200));

        StateDatabaseUnavailableException e = await Assert.ThrowsAsync<StateDatabaseUnavailableException>(
            () => definitions.GetAsync(TestNetwork.ChannelId, "basic").AsTask());

        Assert.Contains($"chaincode definitions of channel {TestNetwork.ChannelId} are not loaded yet", e.Message, StringComparison.Ordinal);
        RpcException rpc = PeerErrors.From(e, stopping: false, "endorser");
        Assert.Equal(StatusCode.Unavailable, rpc.StatusCode);
        Assert.Contains("not loaded yet", rpc.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_loaded_the_definitions_answer_after_the_state_database_recovers()
    {
        var state = new GatedReadsStateDatabase();
        await CommitDefinitionAsync(state, "basic");
        using var ledger = new TestPeerLedger(state);
        LifecycleDefinitions definitions = Definitions(ledger, TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAsync<StateDatabaseUnavailableException>(() => definitions.GetAsync(TestNetwork.ChannelId, "basic").AsTask());

        state.Open();

        Assert.Equal(1, (await definitions.GetAsync(TestNetwork.ChannelId, "basic"))?.Sequence);
        Assert.Contains(TestNetwork.ChannelId, definitions.LoadedChannels);
    }

    private static LifecycleDefinitions Definitions(TestPeerLedger ledger, TimeSpan? loadTimeout = null) =>
        new(() => new TestPeerChannels(ledger), "Org1MSP", NullLogger<LifecycleDefinitions>.Instance, loadTimeout);

    private static async Task CommitDefinitionAsync(IStateDatabase state, string chaincode)
    {
        var definition = new LifecycleDefinition(chaincode, 1, "1.0", "escc", "vscc", LifecycleDefinition.DefaultValidationParameter, null, false);
        var batch = new UpdateBatch();
        foreach ((string key, byte[] value) in LifecycleStateCodec.Encode(definition))
        {
            batch.Put(LifecycleKeys.Namespace, key, value, new Height(1, 0));
        }

        await state.ApplyUpdatesAsync(batch, new Height(1, 0));
    }

    private static async Task<bool> AllCompleteWithinAsync(Task[] tasks, TimeSpan timeout)
    {
        Task all = Task.WhenAll(tasks);
        return await Task.WhenAny(all, Task.Delay(timeout)) == all;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the definitions load did not start");
            await Task.Delay(10);
        }
    }
}
