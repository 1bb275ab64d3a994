using System.Text;
using Fabricish.E2E.Tests.Network;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.CouchDb;
using Fabricish.Ledger.State.Embedded;
using Fabricish.Testing.Infra;

namespace Fabricish.E2E.Tests;

/// <summary>A real crash of a committing peer on the embedded state database: a third peer (Org1's identity,
/// <c>Peer:StateDatabase=Embedded</c>) joins the running network with <c>Peer:FaultInjection:KillAfterStateWriteOfBlock</c>,
/// SIGKILLs itself right after writing that block's state, and finds state and savepoint written together; started
/// again without the setting it follows the chain and ends with the state of Org2's peer (on CouchDB).</summary>
[Collection(E2ENetworkCollection.Name)]
public sealed class EmbeddedPeerKillRecoveryTests(NetworkFixture network)
{
    [Fact]
    public async Task An_embedded_state_peer_killed_right_after_a_blocks_state_write_has_its_savepoint_and_recovers_to_the_other_peers_state()
    {
        ulong killAt = await CrashingPeer.HeightAsync(network.Org2Peer) + 1;
        int[] ports = FreePorts.Take(2);
        (string peerMsp, string adminMsp) = network.OrgMsps("org1.example.com");
        // The node type wants a CouchDB beside it; this peer never talks to it.
        await using var crashing = new PeerNode("Org1MSP", peerMsp, ports[0], ports[1], await PouchDbServer.StartAsync());
        string directory = Path.Combine(network.ScratchPath, "peer-embedded-killed-" + Guid.NewGuid().ToString("N")[..8]);
        string store = Path.Combine(directory, "data", "ledgersData", "chains", NetworkFixture.ChannelId, "statedb");
        crashing.Started(StartPeer(crashing, directory, killAt));
        await CrashingPeer.JoinAsync(network, crashing, adminMsp);

        List<(string AssetId, ulong Block)> written = await CrashingPeer.InvokeUntilKilledAsync(network, crashing, killAt);
        await crashing.Process.DisposeAsync();

        // What the kill left behind: the killed block's writes and its savepoint, in one write.
        using (EmbeddedStateDatabase left = EmbeddedStateDatabase.Open(store))
        {
            Assert.Equal(killAt, (await left.GetLatestSavepointAsync())!.Value.BlockNum);
            foreach ((string id, _) in written.Where(w => w.Block == killAt))
            {
                Assert.NotNull(await left.GetStateAsync(NetworkFixture.Chaincode, id));
            }
        }

        crashing.Started(StartPeer(crashing, directory, killAt: null));
        string after = FabricClient.NewAssetId();
        CommittedTx[] last = await FabricClient.InvokeAsync(network, "CreateAsset", after, "green", "2", "Restart", "1");
        ulong height = last[0].BlockNumber + 1;
        await CrashingPeer.WaitUntilAsync(async () => await CrashingPeer.HeightAsync(crashing) == height, $"the restarted peer to reach height {height}", crashing);

        // A graceful stop finishes the state writes under way; then the store can be read, and the peer starts again.
        await crashing.Process.DisposeAsync();
        string recovered;
        ulong savepoint;
        using (EmbeddedStateDatabase stopped = EmbeddedStateDatabase.Open(store))
        {
            recovered = await DumpAsync(stopped);
            savepoint = (await stopped.GetLatestSavepointAsync())!.Value.BlockNum;
        }

        crashing.Started(StartPeer(crashing, directory, killAt: null));
        string reference = await DumpAsync(new CouchDbStateDatabase(network.Org2Peer.StateDb, NetworkFixture.ChannelId));
        Assert.Equal(height - 1, savepoint);
        Assert.Contains(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(after)), recovered, StringComparison.Ordinal);
        Assert.Equal(reference, recovered);
    }

    private NodeProcess StartPeer(PeerNode peer, string directory, ulong? killAt) =>
        CrashingPeer.Start(network, peer, "peer-embedded-killed", directory, killAt, new Dictionary<string, string> { ["FABRICISH_Peer__StateDatabase"] = "Embedded" });

    /// <summary>The chaincode's keys with their versions and values, through the one interface both databases share.</summary>
    private static async Task<string> DumpAsync(IStateDatabase state)
    {
        var text = new StringBuilder();
        await foreach (VersionedKV kv in state.GetStateRangeAsync(NetworkFixture.Chaincode, "", ""))
        {
            text.Append(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(kv.Key))).Append(" @").Append(kv.VersionedValue.Version)
                .Append(' ').Append(Convert.ToHexStringLower(kv.VersionedValue.Value)).Append('\n');
        }

        return text.ToString();
    }
}
