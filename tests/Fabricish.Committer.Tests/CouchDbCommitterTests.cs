using Fabricish.Committer.Tests.Support;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.CouchDb;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;
using Fabricish.Testing.Transactions;

namespace Fabricish.Committer.Tests;

/// <summary>The committer against a CouchDB-compatible server (pouchdb-server): versions, conflicts, history and
/// recovery behave as with the in-memory reference.</summary>
public sealed class CouchDbCommitterTests(PouchDbFixture fixture) : IClassFixture<PouchDbFixture>, IDisposable
{
    private readonly HttpClient _http = fixture.Server.CreateClient();

    private static TestNetwork Net => TestNetwork.Shared;

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Valid_writes_land_in_CouchDB_with_their_height_and_a_conflicting_read_does_not()
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain, NewDatabase());
        await peer.CommitAsync(chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "{\"v\":1}").Write("a\0composite", "x").Build()).Build()));

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(
            new EndorsedTransaction(Net.Org1Client, new RwSet().Read("a", new Height(1, 0)).Write("a", "{\"v\":2}").Build()).Build(),
            new EndorsedTransaction(Net.Org1Client, new RwSet().Read("a", new Height(1, 0)).Write("a", "{\"v\":3}").Build()).Build()));

        Assert.Equal([TxValidationCode.Valid, TxValidationCode.MvccReadConflict], result.Codes);
        VersionedValue? a = await peer.State.GetStateAsync(TestNetwork.Chaincode, "a");
        Assert.Equal(new Height(2, 0), a!.Version);
        Assert.Equal("{\"v\":2}", System.Text.Encoding.UTF8.GetString(a.Value));
        int history = 0;
        await foreach (var unused in peer.History.GetHistoryForKeyAsync(TestNetwork.Chaincode, "a"))
        {
            history++;
        }

        Assert.Equal(2, history);
    }

    [Fact]
    public async Task A_block_whose_CouchDB_write_failed_is_replayed_on_reopen_to_match_a_normal_peer()
    {
        var chain = TestNetwork.Shared.NewChain();
        var one = chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Write("b", "1").Build()).Build());
        var two = chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Read("a", new Height(1, 0)).Write("a", "2").Delete("b").Build()).Build());
        using TestPeer normal = await TestPeer.JoinedAsync(chain, NewDatabase());
        await normal.CommitAsync(one.Clone());
        await normal.CommitAsync(two.Clone());
        var failing = new FailingStateDatabase(NewDatabase());
        TestPeer crashed = await TestPeer.JoinedAsync(chain, failing);
        await crashed.CommitAsync(one.Clone());
        failing.FailApplies = true;
        await Assert.ThrowsAsync<StateDatabaseUnavailableException>(() => crashed.CommitAsync(two.Clone()));
        failing.FailApplies = false;

        using TestPeer reopened = await crashed.ReopenAsync();
        crashed.Dispose();

        Assert.Equal(1, reopened.Committer.RecoveredBlocks);
        Assert.Equal(await StateDump.OfAsync(normal), await StateDump.OfAsync(reopened));
    }

    private CouchDbStateDatabase NewDatabase() => new(_http, "ch" + Guid.NewGuid().ToString("N")[..12]);
}
