using System.Text;
using Fabricish.Benchmarks.Network;
using Fabricish.Client;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.CouchDb;
using Fabricish.Ledger.State.Embedded;
using Fabricish.Network.Tests.Up;

namespace Fabricish.Network.Tests;

/// <summary>A network whose peers keep state in different databases (Org1 embedded, Org2 CouchDB), as Fabric lets each
/// peer choose: both endorse the same results, commit the same blocks with the same validation codes, and end with the
/// same world state.</summary>
public sealed class MixedStateUpTests(MixedStateNetworkFixture fixture) : IClassFixture<MixedStateNetworkFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private RunFolder Run => fixture.Network.Run;

    [Fact]
    public async Task Org1_on_embedded_state_and_Org2_on_CouchDB_commit_the_same_blocks_and_end_with_the_same_state_hash()
    {
        NetworkLayout layout = NetworkLayout.TryLoad(Run.Path, out string? error) ?? throw new InvalidOperationException(error);
        OrgEndpoint org1 = layout.Orgs.Single(o => o.MspId == "Org1MSP");
        OrgEndpoint org2 = layout.Orgs.Single(o => o.MspId == "Org2MSP");
        string peer1 = Run.Orgs["Org1"].Peer;
        string peer2 = Run.Orgs["Org2"].Peer;
        using OrgClient client1 = OrgClient.Connect(org1, layout.Channel, layout.Chaincode);
        using OrgClient client2 = OrgClient.Connect(org2, layout.Channel, layout.Chaincode);
        string prefix = "mixed-" + Guid.NewGuid().ToString("N")[..6];

        // Writes of both kinds (create, update through a read, delete), endorsed by both peers under AND(Org1, Org2).
        await client1.Contract.SubmitTransactionAsync("CreateAsset", prefix + "-a", "blue", "5", "Tom", "300");
        await client2.Contract.SubmitTransactionAsync("CreateAsset", prefix + "-b", "red", "7", "Ana", "500");
        await client1.Contract.SubmitTransactionAsync("TransferAsset", prefix + "-a", "Max");
        await client2.Contract.SubmitTransactionAsync("CreateAsset", prefix + "-c", "green", "1", "Max", "10");
        SubmittedTransaction last = await client1.Contract.SubmitAsync("DeleteAsset", ProposalOptions.WithArguments(prefix + "-c"));
        Status status = await last.GetStatusAsync();
        Assert.Equal(Protos.Peer.TxValidationCode.Valid, status.Code);

        // Org2's CouchDB answers rich queries; Org1's embedded store refuses them as Fabric's LevelDB peer does.
        string owned = Encoding.UTF8.GetString(await client2.Contract.EvaluateTransactionAsync("QueryAssetsByOwner", "Max"));
        Assert.Contains(prefix + "-a", owned, StringComparison.Ordinal);
        await Assert.ThrowsAsync<GatewayException>(() => client1.Contract.EvaluateTransactionAsync("QueryAssetsByOwner", "Max"));

        IReadOnlyList<string> blocks1 = await PeerCommits.CommittedBlocksAsync(Run.Component(peer1).Address, client1.Identity, Run.Channel, status.BlockNumber);
        IReadOnlyList<string> blocks2 = await PeerCommits.CommittedBlocksAsync(Run.Component(peer2).Address, client2.Identity, Run.Channel, status.BlockNumber);
        Assert.Equal((int)status.BlockNumber + 1, blocks1.Count);
        Assert.Equal(blocks1, blocks2);

        // Stopped, so that the embedded store is free to open and neither state moves while it is read.
        ScriptResult stop = await FabricishScript.RunAsync(Timeout, "stop", peer1, peer2, "--run-dir", Run.Path);
        Assert.True(stop.Succeeded, stop.ToString());
        string embedded;
        using (var state = EmbeddedStateDatabase.Open(Path.Combine(Run.Path, "data", peer1, "ledgersData", "chains", Run.Channel, "statedb")))
        {
            embedded = await ChannelStateDigest.DumpAsync(state);
        }

        Dictionary<string, string> admin = File.ReadAllLines(Path.Combine(Run.Path, "config", "couchdb1.credentials"))
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        using HttpClient couch = CouchDbConnection.CreateHttpClient(
            new Uri($"http://{Run.Component("couchdb1").Address}/"), admin["COUCHDB_USER"], admin["COUCHDB_PASSWORD"]);
        string couchDb = await ChannelStateDigest.DumpAsync(new CouchDbStateDatabase(couch, Run.Channel));

        Assert.Contains($"savepoint={status.BlockNumber}:", embedded, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(prefix + "-a")), embedded, StringComparison.Ordinal);
        Assert.Equal(couchDb, embedded);
        Assert.Equal(ChannelStateDigest.Hash(couchDb), ChannelStateDigest.Hash(embedded));
    }
}
