using System.Globalization;
using System.Text.Json.Nodes;
using Fabricish.Channels.Msp;
using Fabricish.Testing.Infra;

namespace Fabricish.E2E.Tests.Network;

/// <summary>What the peer-crash tests share: a third peer with Org1's identity that joins the running network with the
/// test-only <c>Peer:FaultInjection:KillAfterStateWriteOfBlock</c>, the transactions that drive it to that block,
/// and waiting on it while it restarts.</summary>
internal static class CrashingPeer
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    /// <summary>Starts the peer process in <paramref name="directory"/>, set to SIGKILL itself right after writing the
    /// state of block <paramref name="killAt"/> (unless null); <paramref name="settings"/> adds to its environment.</summary>
    public static NodeProcess Start(
        NetworkFixture network, PeerNode peer, string name, string directory, ulong? killAt, IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["FABRICISH_Peer__DeliverRetryMaxDelay"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__Console__IncludeScopes"] = "false",
        };
        foreach ((string setting, string value) in settings)
        {
            environment[setting] = value;
        }

        if (killAt is { } block)
        {
            environment["FABRICISH_Peer__FaultInjection__KillAfterStateWriteOfBlock"] = block.ToString(CultureInfo.InvariantCulture);
        }

        return NodeProcess.Start(name, directory, "fabricish-peer.dll",
        [
            "--listen", $"127.0.0.1:{peer.GrpcPort}",
            "--operations-listen", $"127.0.0.1:{peer.OperationsPort}",
            "--data-dir", Path.Combine(directory, "data"),
            "--msp-dir", peer.MspDir,
            "--msp-id", peer.MspId,
            "--orderers", network.OrdererAddress,
        ], environment);
    }

    /// <summary>Joins <paramref name="crashing"/> as Org1's admin.</summary>
    public static async Task JoinAsync(NetworkFixture network, PeerNode crashing, string adminMsp)
    {
        using SigningIdentity admin = network.Load(adminMsp, "Org1MSP");
        await network.JoinPeerAsync(crashing, admin, network.Genesis);
    }

    /// <summary>One transaction per block until the peer reaches block <paramref name="killAt"/> and dies there (at
    /// most ten); each asset with the block it went into.</summary>
    public static async Task<List<(string AssetId, ulong Block)>> InvokeUntilKilledAsync(NetworkFixture network, PeerNode crashing, ulong killAt)
    {
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
        return written;
    }

    public static async Task<ulong> HeightAsync(PeerNode peer)
    {
        using HttpResponseMessage info = await peer.Operations.GetAsync($"/peer/v1/channels/{NetworkFixture.ChannelId}");
        return info.IsSuccessStatusCode ? JsonNode.Parse(await info.Content.ReadAsStringAsync())?["height"]?.GetValue<ulong>() ?? 0 : 0;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, PeerNode peer)
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
