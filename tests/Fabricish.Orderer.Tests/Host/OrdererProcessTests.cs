using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Fabricish.Channels.Blocks;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing;
using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;
using Google.Protobuf;
using Grpc.Core;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Orderer.Tests.Host;

/// <summary>Three orderer processes on one channel over the shared Kafka 0.9 cluster.</summary>
[Collection(InfraCollections.Kafka)]
public sealed class OrdererProcessTests(KafkaClusterFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    private readonly KafkaCluster _cluster = fixture.Cluster;
    private readonly ScratchDirectory _scratch = new("orderer-process");
    private readonly List<OrdererProcess> _nodes = [];

    public Task InitializeAsync() => _cluster.EnsureAllBrokersRunningAsync();

    public async Task DisposeAsync()
    {
        foreach (OrdererProcess node in _nodes)
        {
            await node.DisposeAsync();
        }

        _scratch.Dispose();
    }

    [Fact]
    public async Task Three_processes_fed_concurrently_with_one_killed_and_restarted_end_with_identical_blocks_and_every_acknowledged_envelope()
    {
        using var channel = new HostTestChannel("proc-identical");
        for (int i = 0; i < 3; i++)
        {
            var node = new OrdererProcess(Path.Combine(_scratch.FullPath, $"orderer{i}"), channel.NewOrdererIdentity(i), _cluster.BootstrapServers);
            _nodes.Add(node);
            node.Start();
        }

        foreach (OrdererProcess node in _nodes)
        {
            await WaitUntilAsync(node, async () => await TryStatusAsync(node.Admin, "/participation/v1/channels") == HttpStatusCode.OK, "the admin endpoint");
            Assert.Equal(HttpStatusCode.Created, await JoinAsync(node, channel.Genesis));
            await WaitUntilAsync(node, async () => await TryStatusAsync(node.Admin, "/healthz") == HttpStatusCode.OK, "/healthz 200");
        }

        var acked = new ConcurrentBag<string>();
        Task[] feeders = [.. Enumerable.Range(0, 2).Select(n => Task.Run(() => FeedAsync(_nodes[n], channel, 30, acked)))];
        await FeedAsync(_nodes[2], channel, 8, acked);
        _nodes[2].Kill();
        await Task.WhenAll(feeders);
        _nodes[2].Start();
        await WaitUntilAsync(_nodes[2], async () => await TryStatusAsync(_nodes[2].Admin, "/healthz") == HttpStatusCode.OK, "/healthz 200 after the restart");
        await FeedAsync(_nodes[2], channel, 5, acked);

        Assert.Equal(73, acked.Count);
        await WaitUntilAsync(_nodes[0], async () =>
        {
            ulong[] heights = await Task.WhenAll(_nodes.Select(n => HeightAsync(n, channel.ChannelId)));
            return heights.Distinct().Count() == 1 && (await BlocksAsync(_nodes[0], channel, heights[0])).SelectMany(HostTestChannel.TxIds).Count(acked.Contains) == acked.Count;
        }, "equal heights holding every acknowledged envelope");
        ulong height = await HeightAsync(_nodes[0], channel.ChannelId);
        List<string>[] hashes = await Task.WhenAll(_nodes.Select(async n =>
            (await BlocksAsync(n, channel, height)).Select(b => Convert.ToHexString(BlockHashing.HeaderHash(b.Header))).ToList()));

        Assert.Equal((int)height, hashes[0].Count);
        Assert.Equal(hashes[0], hashes[1]);
        Assert.Equal(hashes[0], hashes[2]);
        List<string> ordered = [.. (await BlocksAsync(_nodes[2], channel, height)).Skip(1).SelectMany(HostTestChannel.TxIds)];
        Assert.Superset(acked.ToHashSet(), ordered.ToHashSet());
    }

    private static async Task FeedAsync(OrdererProcess node, HostTestChannel channel, int count, ConcurrentBag<string> acked)
    {
        using AsyncDuplexStreamingCall<Envelope, BroadcastResponse> call = node.Client.Broadcast();
        for (int i = 0; i < count; i++)
        {
            Envelope envelope = channel.NewEnvelope();
            await call.RequestStream.WriteAsync(envelope);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(Status.Success, call.ResponseStream.Current.Status);
            acked.Add(HostTestChannel.TxId(envelope));
        }

        await call.RequestStream.CompleteAsync();
    }

    private static async Task<List<Block>> BlocksAsync(OrdererProcess node, HostTestChannel channel, ulong height)
    {
        Envelope seek = channel.SeekEnvelope(channel.Network.Org1Client, HostTestChannel.Oldest, HostTestChannel.At(height - 1), SeekInfo.Types.SeekBehavior.FailIfNotReady);
        using var cts = new CancellationTokenSource(Settle);
        using AsyncDuplexStreamingCall<Envelope, DeliverResponse> call = node.Client.Deliver(cancellationToken: cts.Token);
        await call.RequestStream.WriteAsync(seek);
        var blocks = new List<Block>();
        while (await call.ResponseStream.MoveNext(cts.Token) && call.ResponseStream.Current.TypeCase == DeliverResponse.TypeOneofCase.Block)
        {
            blocks.Add(call.ResponseStream.Current.Block);
        }

        return blocks;
    }

    private static async Task<HttpStatusCode> JoinAsync(OrdererProcess node, Block genesis)
    {
        using HttpResponseMessage response = await ChannelParticipation.JoinAsync(node.Admin, genesis);
        return response.StatusCode;
    }

    private static async Task<ulong> HeightAsync(OrdererProcess node, string channelId) =>
        (ulong)JsonNode.Parse(await node.Admin.GetStringAsync($"/participation/v1/channels/{channelId}"))!["height"]!;

    private static async Task<HttpStatusCode?> TryStatusAsync(HttpClient admin, string path)
    {
        try
        {
            using HttpResponseMessage response = await admin.GetAsync(path);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task WaitUntilAsync(OrdererProcess node, Func<Task<bool>> condition, string what)
    {
        using var cts = new CancellationTokenSource(Settle);
        while (!await condition())
        {
            if (cts.IsCancellationRequested)
            {
                Assert.Fail($"timed out waiting for {what}; orderer output:\n{node.Output}");
            }

            await Task.Delay(200);
        }
    }
}
