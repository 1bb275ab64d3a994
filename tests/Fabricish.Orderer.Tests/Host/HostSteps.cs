using System.Net;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing.Infra;
using Grpc.Core;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Orderer.Tests.Host;

/// <summary>Steps the Kafka-backed host tests share: a node joined to a channel, waits, pipelined broadcast, and reading
/// blocks back through Deliver.</summary>
internal static class HostSteps
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    public static async Task<TestOrdererHost> StartJoinedAsync(HostTestChannel channel, KafkaCluster cluster, ScratchDirectory scratch, List<IAsyncDisposable> owned)
    {
        var node = new TestOrdererHost(Path.Combine(scratch.FullPath, channel.ChannelId), channel.NewOrdererIdentity(0), cluster.BootstrapServers);
        owned.Add(node);
        await node.StartAsync();
        using HttpResponseMessage joined = await node.JoinAsync(channel.Genesis);
        Assert.True(joined.StatusCode == HttpStatusCode.Created, await joined.Content.ReadAsStringAsync());
        await WaitUntilAsync(async () => await IsHealthyAsync(node), "/healthz to answer 200");
        return node;
    }

    public static async Task<bool> IsHealthyAsync(TestOrdererHost node)
    {
        using HttpResponseMessage health = await node.Admin.GetAsync("/healthz");
        return health.StatusCode == HttpStatusCode.OK;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var cts = new CancellationTokenSource(Settle);
        while (!await condition())
        {
            if (cts.IsCancellationRequested)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Writes every envelope on one Broadcast stream before reading any answer, as a pipelining client does.</summary>
    public static async Task<List<BroadcastResponse>> BroadcastPipelinedAsync(TestOrdererHost node, IReadOnlyList<Envelope> envelopes)
    {
        using AsyncDuplexStreamingCall<Envelope, BroadcastResponse> call = node.Client.Broadcast();
        try
        {
            foreach (Envelope envelope in envelopes)
            {
                await call.RequestStream.WriteAsync(envelope);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The orderer ends the stream at its first refusal, possibly before the client finished writing.
        }

        var responses = new List<BroadcastResponse>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            responses.Add(call.ResponseStream.Current);
        }

        return responses;
    }

    /// <summary>Blocks from <paramref name="first"/> on, read through Deliver by a channel reader until
    /// <paramref name="until"/> holds.</summary>
    public static async Task<List<Block>> BlocksAsync(TestOrdererHost node, HostTestChannel channel, ulong first, Func<List<Block>, bool> until)
    {
        Envelope seek = channel.SeekEnvelope(
            channel.Network.Org1Peer, HostTestChannel.At(first), HostTestChannel.At(ulong.MaxValue), SeekInfo.Types.SeekBehavior.BlockUntilReady);
        (List<Block> blocks, Status? status) = await node.DeliverAsync(seek, Settle, until);
        Assert.Null(status);
        return blocks;
    }
}
