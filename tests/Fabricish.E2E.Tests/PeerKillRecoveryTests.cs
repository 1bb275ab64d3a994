using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fabricish.Channels.Msp;
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
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_peer_killed_between_a_blocks_state_write_and_its_savepoint_recovers_to_the_other_peers_state_and_height()
    {
        ulong killAt = await HeightAsync(network.Org2Peer) + 1;
        int[] ports = FreePorts.Take(2);
        (string peerMsp, string adminMsp) = network.OrgMsps("org1.example.com");
        await using var crashing = new PeerNode("Org1MSP", peerMsp, ports[0], ports[1], await PouchDbServer.StartAsync());
        string directory = Path.Combine(network.ScratchPath, "peer-killed-" + Guid.NewGuid().ToString("N")[..8]);
        crashing.Started(StartPeer(crashing, directory, killAt));
        using SigningIdentity admin = network.Load(adminMsp, "Org1MSP");
        await network.JoinPeerAsync(crashing, admin, network.Genesis);

        // One transaction per block until the peer reaches block killAt and dies there.
        var written = new List<(string AssetId, ulong Block)>();
        while (!crashing.Process.HasExited && written.Count < 10)
        {
            string id = FabricClient.NewAssetId();
            CommittedTx[] commits = await FabricClient.InvokeAsync(network, "CreateAsset", id, "red", "1", "Kill", "9");
            written.Add((id, commits[0].BlockNumber));
            if (commits[0].BlockNumber >= killAt)
            {
                await WaitUntilAsync(() => crashing.Process.HasExited, "the peer to kill itself at block " + killAt, crashing);
            }
        }

        Assert.True(crashing.Process.HasExited, "the peer did not kill itself:\n" + crashing.LogTail());

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
        await WaitUntilAsync(async () => await HeightAsync(crashing) == height && await SavepointAsync(crashing) == height - 1, $"the restarted peer to reach height {height}", crashing);

        Assert.Equal(await HeightAsync(network.Org2Peer), await HeightAsync(crashing));
        (string reference, string recovered) = (await DigestAsync(network.Org2Peer), await DigestAsync(crashing));
        Assert.True(reference == recovered, $"states differ after recovery:\nOrg2 peer:\n{reference}\nrecovered peer:\n{recovered}");
        Assert.Contains(after, recovered, StringComparison.Ordinal);
    }

    private NodeProcess StartPeer(PeerNode peer, string directory, ulong? killAt)
    {
        var environment = new Dictionary<string, string>
        {
            ["FABRICISH_Peer__DeliverRetryMaxDelay"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__Console__IncludeScopes"] = "false",
        };
        foreach ((string name, string value) in peer.CouchDb.PeerEnvironment)
        {
            environment[name] = value;
        }

        if (killAt is { } block)
        {
            environment["FABRICISH_Peer__FaultInjection__KillAfterStateWriteOfBlock"] = block.ToString(CultureInfo.InvariantCulture);
        }

        return NodeProcess.Start("peer-killed", directory, "fabricish-peer.dll",
        [
            "--listen", $"127.0.0.1:{peer.GrpcPort}",
            "--operations-listen", $"127.0.0.1:{peer.OperationsPort}",
            "--data-dir", Path.Combine(directory, "data"),
            "--msp-dir", peer.MspDir,
            "--msp-id", peer.MspId,
            "--orderers", network.OrdererAddress,
        ], environment);
    }

    private static async Task<ulong> HeightAsync(PeerNode peer)
    {
        using HttpResponseMessage info = await peer.Operations.GetAsync($"/peer/v1/channels/{NetworkFixture.ChannelId}");
        return info.IsSuccessStatusCode ? JsonNode.Parse(await info.Content.ReadAsStringAsync())?["height"]?.GetValue<ulong>() ?? 0 : 0;
    }

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

    private static Task WaitUntilAsync(Func<bool> condition, string what, PeerNode peer) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, peer);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, PeerNode peer)
    {
        DateTime deadline = DateTime.UtcNow + Settle;
        while (!await HoldsAsync(condition))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}; peer log:\n{peer.LogTail()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A restarting peer refuses connections for a moment: that is "not yet", not a failure.</summary>
    private static async Task<bool> HoldsAsync(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
