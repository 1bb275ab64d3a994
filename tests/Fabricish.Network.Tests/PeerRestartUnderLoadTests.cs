using System.Diagnostics;
using System.Net.Sockets;
using Fabricish.Benchmarks.Network;
using Fabricish.Network.Tests.Up;

namespace Fabricish.Network.Tests;

/// <summary>A peer restarted while clients keep calling it must answer them: 400 evaluates arriving as it comes up
/// (while it loads the channel's chaincode definitions) each get an answer within 10 s, and the peer then serves.</summary>
[Collection(UpNetworkCollection.Name)]
public sealed class PeerRestartUnderLoadTests(UpNetworkFixture network)
{
    private const int Burst = 400;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_peer_restarted_under_a_burst_of_400_evaluates_answers_every_one_within_10_seconds()
    {
        string run = network.RunDir;
        NetworkLayout layout = NetworkLayout.TryLoad(run, out string? error) ?? throw new InvalidOperationException(error);
        OrgEndpoint org1 = layout.Orgs.Single(o => o.MspId == "Org1MSP");
        int port = new Uri(org1.Peer.Url).Port;

        ScriptResult stop = await FabricishScript.RunAsync(Timeout, "stop", "peer0.org1", "--run-dir", run);
        Assert.True(stop.Succeeded, stop.ToString());
        Task<ScriptResult> start = FabricishScript.RunAsync(Timeout, "start", "peer0.org1", "--run-dir", run);

        // The burst goes out as soon as the peer accepts connections, before it has loaded anything.
        await WaitForListenerAsync(port, start);
        using OrgClient client = OrgClient.Connect(org1, layout.Channel, layout.Chaincode);
        var clock = Stopwatch.StartNew();
        Task<bool>[] calls = [.. Enumerable.Range(0, Burst).Select(_ => AnswersAsync(client))];
        Task all = Task.WhenAll(calls);
        bool completedInTime = await Task.WhenAny(all, Task.Delay(AnswerWithin)) == all;
        // Still waiting, or given up by the client's own 5 s evaluate deadline: the peer never answered those.
        int unanswered = calls.Count(c => !c.IsCompletedSuccessfully || !c.Result);

        ScriptResult started = await start;
        Assert.True(started.Succeeded, started.ToString());
        Assert.True(completedInTime && unanswered == 0, $"{unanswered} of {Burst} evaluates had no answer from the peer {clock.Elapsed.TotalSeconds:0.0} s after the burst began");
        byte[] assets = await client.Contract.EvaluateTransactionAsync("GetAllAssets", Array.Empty<string>());
        Assert.StartsWith("[", System.Text.Encoding.UTF8.GetString(assets), StringComparison.Ordinal);
    }

    /// <summary>Whether the peer answered: a result, or an error it sent (a peer still starting may refuse); false when
    /// the client's deadline passed without an answer.</summary>
    private static async Task<bool> AnswersAsync(OrgClient client)
    {
        try
        {
            await client.Contract.EvaluateTransactionAsync("GetAllAssets", Array.Empty<string>());
            return true;
        }
        catch (Client.GatewayException e)
        {
            return e.StatusCode != Grpc.Core.StatusCode.DeadlineExceeded;
        }
        catch (Grpc.Core.RpcException e)
        {
            return e.StatusCode != Grpc.Core.StatusCode.DeadlineExceeded;
        }
    }

    private static async Task WaitForListenerAsync(int port, Task<ScriptResult> start)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                if (start.IsCompleted)
                {
                    throw new InvalidOperationException($"peer0.org1 never listened on {port}:\n{await start}");
                }

                await Task.Delay(20);
            }
        }

        throw new TimeoutException($"peer0.org1 did not listen on {port} within {Timeout.TotalMinutes:0} minutes");
    }
}
