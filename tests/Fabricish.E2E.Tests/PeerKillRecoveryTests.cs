using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fabricish.E2E.Tests.Network;
using Fabricish.Testing.Infra;

namespace Fabricish.E2E.Tests;

/// <summary>A real crash of a committing peer: a third peer (Org1's identity, its own pouchdb-server) joins the running
/// network with the test-only <c>Peer:FaultInjection:KillAfterStateWriteOfBlock</c> set, SIGKILLs itself right after
/// writing a block's state and before that write's savepoint, is started again without the setting, replays the
/// blocks above the savepoint and ends with the state and height of Org2's peer.</summary>
[Collection(E2ENetworkCollection.Name)]
public sealed class PeerKillRecoveryTests(NetworkFixture network)
{
    [Fact]
    public async Task A_peer_killed_between_a_blocks_state_write_and_its_savepoint_recovers_to_the_other_peers_state_and_height()
    {
        ulong killAt = await CrashingPeer.HeightAsync(network.Org2Peer) + 1;
        int[] ports = FreePorts.Take(2);
        (string peerMsp, string adminMsp) = network.OrgMsps("org1.example.com");
        await using var crashing = new PeerNode("Org1MSP", peerMsp, ports[0], ports[1], await PouchDbServer.StartAsync());
        string directory = Path.Combine(network.ScratchPath, "peer-killed-" + Guid.NewGuid().ToString("N")[..8]);
        crashing.Started(StartPeer(crashing, directory, killAt));
        await CrashingPeer.JoinAsync(network, crashing, adminMsp);

        List<(string AssetId, ulong Block)> written = await CrashingPeer.InvokeUntilKilledAsync(network, crashing, killAt);

        // What the kill left behind: block killAt's writes are in the state database, its savepoint is not.
        ulong savepoint = await SavepointAsync(crashing);
        Assert.True(savepoint < killAt, $"savepoint {savepoint} should be below the killed block {killAt}");
        string[] killedBlockAssets = [.. written.Where(w => w.Block == killAt).Select(w => w.AssetId)];
        Assert.NotEmpty(killedBlockAssets);
        foreach (string id in killedBlockAssets)
        {
            Assert.True(await HasDocumentAsync(crashing, id), $"{id} of block {killAt} should be in the state the killed peer wrote");
        }

        // Restarted without the fault: it replays the blocks above the savepoint, then follows the orderer again.
        await crashing.Process.DisposeAsync();
        crashing.Started(StartPeer(crashing, directory, killAt: null));
        string after = FabricClient.NewAssetId();
        CommittedTx[] last = await FabricClient.InvokeAsync(network, "CreateAsset", after, "green", "2", "Restart", "1");
        ulong height = last[0].BlockNumber + 1;
        await CrashingPeer.WaitUntilAsync(async () => await CrashingPeer.HeightAsync(crashing) == height && await SavepointAsync(crashing) == height - 1, $"the restarted peer to reach height {height}", crashing);

        Assert.Equal(await CrashingPeer.HeightAsync(network.Org2Peer), await CrashingPeer.HeightAsync(crashing));
        (string reference, string recovered) = (await DigestAsync(network.Org2Peer), await DigestAsync(crashing));
        Assert.True(reference == recovered, $"states differ after recovery:\nOrg2 peer:\n{reference}\nrecovered peer:\n{recovered}");
        Assert.Contains(after, recovered, StringComparison.Ordinal);
    }

    private NodeProcess StartPeer(PeerNode peer, string directory, ulong? killAt) =>
        CrashingPeer.Start(network, peer, "peer-killed", directory, killAt, peer.CouchDb.PeerEnvironment);

    private static async Task<ulong> SavepointAsync(PeerNode peer)
    {
        string uri = $"{Uri.EscapeDataString(NetworkFixture.ChannelId + "_")}/{StateDigest.SavepointId}";
        using HttpResponseMessage response = await peer.StateDb.GetAsync(new Uri(uri, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"no savepoint: {response.StatusCode}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["BlockNum"]!.GetValue<ulong>();
    }

    private static async Task<bool> HasDocumentAsync(PeerNode peer, string key)
    {
        string uri = $"{Uri.EscapeDataString(NetworkFixture.ChannelId + "_" + NetworkFixture.Chaincode)}/{Uri.EscapeDataString(key)}";
        using HttpResponseMessage response = await peer.StateDb.GetAsync(new Uri(uri, UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>The peer's state dump (savepoint included) without CouchDB design documents, which only peers with
    /// the chaincode installed create; with its SHA-256 first, for the message.</summary>
    private static async Task<string> DigestAsync(PeerNode peer)
    {
        StateDigest digest = await StateDigest.ReadAsync(peer.StateDb, NetworkFixture.ChannelId);
        string dump = string.Concat(digest.Dump.Split('\n').Where(line => line.Length > 0 && !line.Contains(" _design/", StringComparison.Ordinal)).Select(line => line + "\n"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(dump))) + "\n" + dump;
    }
}
