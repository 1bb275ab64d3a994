using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Fabricish.Channels.Msp;
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
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_embedded_state_peer_killed_right_after_a_blocks_state_write_has_its_savepoint_and_recovers_to_the_other_peers_state()
    {
        ulong killAt = await HeightAsync(network.Org2Peer) + 1;
        int[] ports = FreePorts.Take(2);
        (string peerMsp, string adminMsp) = network.OrgMsps("org1.example.com");
        // The node type wants a CouchDB beside it; this peer never talks to it.
        await using var crashing = new PeerNode("Org1MSP", peerMsp, ports[0], ports[1], await PouchDbServer.StartAsync());
        string directory = Path.Combine(network.ScratchPath, "peer-embedded-killed-" + Guid.NewGuid().ToString("N")[..8]);
        string store = Path.Combine(directory, "data", "ledgersData", "chains", NetworkFixture.ChannelId, "statedb");
        crashing.Started(StartPeer(crashing, directory, killAt));
        using SigningIdentity admin = network.Load(adminMsp, "Org1MSP");
        await network.JoinPeerAsync(crashing, admin, network.Genesis);

        var written = new List<(string AssetId, ulong Block)>();
        while (!crashing.Process.HasExited && written.Count < 10)
        {
            string id = FabricClient.NewAssetId();
            CommittedTx[] commits = await FabricClient.InvokeAsync(network, "CreateAsset", id, "red", "1", "Kill", "9");
            written.Add((id, commits[0].BlockNumber));
            if (commits[0].BlockNumber >= killAt)
            {
                await WaitUntilAsync(() => Task.FromResult(crashing.Process.HasExited), "the peer to kill itself at block " + killAt, crashing);
            }
        }

        Assert.True(crashing.Process.HasExited, "the peer did not kill itself:\n" + crashing.LogTail());
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
        await WaitUntilAsync(async () => await HeightAsync(crashing) == height, $"the restarted peer to reach height {height}", crashing);

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

    private NodeProcess StartPeer(PeerNode peer, string directory, ulong? killAt)
    {
        var environment = new Dictionary<string, string>
        {
            ["FABRICISH_Peer__StateDatabase"] = "Embedded",
            ["FABRICISH_Peer__DeliverRetryMaxDelay"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__Console__IncludeScopes"] = "false",
        };
        if (killAt is { } block)
        {
            environment["FABRICISH_Peer__FaultInjection__KillAfterStateWriteOfBlock"] = block.ToString(CultureInfo.InvariantCulture);
        }

        return NodeProcess.Start("peer-embedded-killed", directory, "fabricish-peer.dll",
        [
            "--listen", $"127.0.0.1:{peer.GrpcPort}",
            "--operations-listen", $"127.0.0.1:{peer.OperationsPort}",
            "--data-dir", Path.Combine(directory, "data"),
            "--msp-dir", peer.MspDir,
            "--msp-id", peer.MspId,
            "--orderers", network.OrdererAddress,
        ], environment);
    }

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

    private static async Task<ulong> HeightAsync(PeerNode peer)
    {
        using HttpResponseMessage info = await peer.Operations.GetAsync($"/peer/v1/channels/{NetworkFixture.ChannelId}");
        return info.IsSuccessStatusCode ? JsonNode.Parse(await info.Content.ReadAsStringAsync())?["height"]?.GetValue<ulong>() ?? 0 : 0;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, PeerNode peer)
    {
        DateTime deadline = DateTime.UtcNow + Settle;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // A restarting peer refuses connections for a moment: that is "not yet", not a failure.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}; peer log:\n{peer.LogTail()}");
            }

            await Task.Delay(100);
        }
    }
}
