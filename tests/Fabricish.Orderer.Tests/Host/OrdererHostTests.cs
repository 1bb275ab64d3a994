using System.Net;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;
using Google.Protobuf;

namespace Fabricish.Orderer.Tests.Host;

/// <summary>The orderer node hosted in-process against the shared Kafka 0.9 cluster: joined through the channel
/// participation API, fed through Broadcast, read through Deliver, restarted.</summary>
[Collection(InfraCollections.Kafka)]
public sealed class OrdererHostTests(KafkaClusterFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    private readonly KafkaHostScope _host = new(fixture.Cluster, "orderer-host");

    public Task InitializeAsync() => _host.StartAsync();

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Joined_channel_orders_broadcast_envelopes_into_blocks_that_deliver_streams_to_a_reader()
    {
        using var channel = new HostTestChannel("host-order");
        TestOrdererHost node = await StartJoinedAsync(channel);

        // Opened before anything is broadcast: BLOCK_UNTIL_READY must wait for the blocks to form.
        Envelope seek = channel.SeekEnvelope(channel.Network.Org1Peer, HostTestChannel.At(1), HostTestChannel.At(ulong.MaxValue), SeekInfo.Types.SeekBehavior.BlockUntilReady);
        Envelope[] sent = [.. Enumerable.Range(0, 12).Select(_ => channel.NewEnvelope())];
        var txIds = sent.Select(HostTestChannel.TxId).ToHashSet();
        Task<(List<Block> Blocks, Status? Status)> delivering = node.DeliverAsync(
            seek, Settle, blocks => txIds.IsSubsetOf(blocks.SelectMany(HostTestChannel.TxIds)));

        List<BroadcastResponse> responses = await node.BroadcastAsync(sent);

        Assert.All(responses, r => Assert.Equal(Status.Success, r.Status));
        Assert.Equal(12, responses.Count);
        (List<Block> delivered, Status? status) = await delivering;
        Assert.Null(status);
        Assert.Equal(Enumerable.Range(1, delivered.Count).Select(i => (ulong)i), delivered.Select(b => b.Header.Number));
        Assert.Equal(sent.Select(HostTestChannel.TxId), delivered.SelectMany(HostTestChannel.TxIds));
        Assert.All(delivered, b => Assert.InRange(b.Data.Data.Count, 1, 5));
    }

    [Fact]
    public async Task Invalid_broadcasts_get_fabrics_status_and_never_reach_the_kafka_topic()
    {
        using var channel = new HostTestChannel("host-reject");
        TestOrdererHost node = await StartJoinedAsync(channel);
        long before = HighWatermark(channel.ChannelId);

        Envelope garbage = new() { Payload = ByteString.CopyFrom(0xff, 0x01, 0x02, 0x7f), Signature = ByteString.CopyFrom(1, 2, 3) };
        Envelope unsigned = channel.NewEnvelope();
        unsigned.Signature = ByteString.Empty;
        Envelope wronglySigned = channel.NewEnvelope();
        wronglySigned.Signature = ByteString.CopyFrom(channel.Network.Org1Client.Sign(new byte[] { 1, 2, 3 }));
        Envelope unknownChannel = TestEnvelopes.Signed(channel.Network.Org1Client, "no-such-channel");
        Envelope notAWriter = TestEnvelopes.Signed(channel.Network.Org1Peer, channel.ChannelId);
        Envelope oversized = channel.NewEnvelope(payloadBytes: (int)HostTestChannel.AbsoluteMaxBytes + 1);

        Assert.Equal(Status.BadRequest, (await node.BroadcastAsync(garbage)).Single().Status);
        Assert.Equal(Status.Forbidden, (await node.BroadcastAsync(unsigned)).Single().Status);
        Assert.Equal(Status.Forbidden, (await node.BroadcastAsync(wronglySigned)).Single().Status);
        BroadcastResponse notFound = (await node.BroadcastAsync(unknownChannel)).Single();
        Assert.Equal(Status.NotFound, notFound.Status);
        Assert.Contains("no-such-channel", notFound.Info, StringComparison.Ordinal);
        Assert.Equal(Status.Forbidden, (await node.BroadcastAsync(notAWriter)).Single().Status);
        Assert.Equal(Status.RequestEntityTooLarge, (await node.BroadcastAsync(oversized)).Single().Status);

        // The stream ends after a refusal, as Fabric's: the envelope after it is never answered.
        List<BroadcastResponse> afterRefusal = await node.BroadcastAsync(garbage, channel.NewEnvelope());
        Assert.Single(afterRefusal);

        Assert.Equal(before, HighWatermark(channel.ChannelId));
        Assert.Equal(1UL, await HeightAsync(node, channel.ChannelId));
    }

    [Fact]
    public async Task Deliver_answers_forbidden_without_reader_rights_and_not_found_beyond_the_height_when_not_waiting()
    {
        using var channel = new HostTestChannel("host-deliver");
        TestOrdererHost node = await StartJoinedAsync(channel);
        var outsider = channel.Network.Own(channel.Outsider.Identity("User1@org9.example.com", Channels.Msp.NodeRole.Client));

        var forbidden = await node.DeliverAsync(
            channel.SeekEnvelope(outsider, HostTestChannel.Oldest, HostTestChannel.Newest, SeekInfo.Types.SeekBehavior.BlockUntilReady), Settle);
        var genesisOnly = await node.DeliverAsync(
            channel.SeekEnvelope(channel.Network.Org1Client, HostTestChannel.Oldest, HostTestChannel.Oldest, SeekInfo.Types.SeekBehavior.FailIfNotReady), Settle);
        var beyond = await node.DeliverAsync(
            channel.SeekEnvelope(channel.Network.Org1Client, HostTestChannel.At(0), HostTestChannel.At(5), SeekInfo.Types.SeekBehavior.FailIfNotReady), Settle);
        var farBeyond = await node.DeliverAsync(
            channel.SeekEnvelope(channel.Network.Org1Client, HostTestChannel.At(7), HostTestChannel.At(9), SeekInfo.Types.SeekBehavior.BlockUntilReady), Settle);
        var unknown = await node.DeliverAsync(
            TestEnvelopes.Signed(channel.Network.Org1Client, "no-such-channel", HeaderType.DeliverSeekInfo, new SeekInfo { Start = HostTestChannel.Oldest, Stop = HostTestChannel.Oldest }.ToByteString()), Settle);

        Assert.Equal((0, Status.Forbidden), (forbidden.Blocks.Count, forbidden.Status));
        Assert.Equal(Status.Success, genesisOnly.Status);
        Assert.Equal([0UL], genesisOnly.Blocks.Select(b => b.Header.Number));
        Assert.Equal(Status.NotFound, beyond.Status);
        Assert.Equal([0UL], beyond.Blocks.Select(b => b.Header.Number));
        Assert.Equal((0, Status.NotFound), (farBeyond.Blocks.Count, farBeyond.Status));
        Assert.Equal((0, Status.NotFound), (unknown.Blocks.Count, unknown.Status));
    }

    [Fact]
    public async Task Channel_survives_a_host_restart_with_its_height_and_keeps_ordering()
    {
        using var channel = new HostTestChannel("host-restart");
        TestOrdererHost node = await StartJoinedAsync(channel);
        Envelope[] first = [.. Enumerable.Range(0, 5).Select(_ => channel.NewEnvelope())];
        Assert.All(await node.BroadcastAsync(first), r => Assert.Equal(Status.Success, r.Status));
        await WaitUntilAsync(async () => await HeightAsync(node, channel.ChannelId) >= 2, "the first block");
        ulong height = await HeightAsync(node, channel.ChannelId);

        await node.StopAsync();
        await node.StartAsync();
        JsonNode list = JsonNode.Parse(await node.Admin.GetStringAsync("/participation/v1/channels"))!;
        await WaitHealthyAsync(node);
        Envelope[] second = [.. Enumerable.Range(0, 5).Select(_ => channel.NewEnvelope())];
        Assert.All(await node.BroadcastAsync(second), r => Assert.Equal(Status.Success, r.Status));
        var all = await node.DeliverAsync(
            channel.SeekEnvelope(channel.Network.Org1Client, HostTestChannel.At(1), HostTestChannel.At(ulong.MaxValue), SeekInfo.Types.SeekBehavior.BlockUntilReady),
            Settle,
            blocks => blocks.SelectMany(HostTestChannel.TxIds).Count() >= 10);

        Assert.Equal(channel.ChannelId, (string?)list["channels"]![0]!["name"]);
        Assert.Equal($"/participation/v1/channels/{channel.ChannelId}", (string?)list["channels"]![0]!["url"]);
        Assert.True(height >= 2);
        Assert.True(await HeightAsync(node, channel.ChannelId) > height);
        Assert.Equal(first.Concat(second).Select(HostTestChannel.TxId), all.Blocks.SelectMany(HostTestChannel.TxIds));
    }

    [Fact]
    public async Task Participation_api_answers_with_fabrics_status_codes_and_json_shapes()
    {
        using var channel = new HostTestChannel("host-participation");
        TestOrdererHost node = await StartJoinedAsync(channel);

        using HttpResponseMessage again = await node.JoinAsync(channel.Genesis);
        using HttpResponseMessage notABlock = await node.Admin.PostAsync(
            "/participation/v1/channels", new MultipartFormDataContent { { new ByteArrayContent([0xff, 0xff, 0x01]), "config-block", "x.block" } });
        using HttpResponseMessage json = await node.Admin.PostAsync("/participation/v1/channels", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using HttpResponseMessage missing = await node.Admin.GetAsync("/participation/v1/channels/not-joined");
        JsonNode info = JsonNode.Parse(await node.Admin.GetStringAsync($"/participation/v1/channels/{channel.ChannelId}"))!;
        string metrics = await node.Admin.GetStringAsync("/metrics");
        using HttpResponseMessage removed = await node.Admin.DeleteAsync($"/participation/v1/channels/{channel.ChannelId}");
        using HttpResponseMessage removedAgain = await node.Admin.DeleteAsync($"/participation/v1/channels/{channel.ChannelId}");
        JsonNode emptyList = JsonNode.Parse(await node.Admin.GetStringAsync("/participation/v1/channels"))!;

        Assert.Equal(HttpStatusCode.MethodNotAllowed, again.StatusCode);
        Assert.Equal("GET, DELETE", again.Content.Headers.Allow.Count > 0 ? string.Join(", ", again.Content.Headers.Allow) : again.Headers.GetValues("Allow").Single());
        Assert.Equal("cannot join: channel already exists", (string?)JsonNode.Parse(await again.Content.ReadAsStringAsync())!["error"]);
        Assert.Equal(HttpStatusCode.BadRequest, notABlock.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(channel.ChannelId, (string?)info["name"]);
        Assert.Equal("consenter", (string?)info["consensusRelation"]);
        Assert.Equal("active", (string?)info["status"]);
        Assert.Equal(1UL, (ulong?)info["height"]);
        Assert.Contains($"fabricish_orderer_ledger_height{{channel=\"{channel.ChannelId}\"}} 1", metrics, StringComparison.Ordinal);
        Assert.Contains($"fabricish_orderer_chain_available{{channel=\"{channel.ChannelId}\"}} 1", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, removedAgain.StatusCode);
        Assert.Empty(emptyList["channels"]!.AsArray());
        Assert.False(Directory.Exists(Path.Combine(node.DataDir, "chains", channel.ChannelId)));
    }

    [Fact]
    public async Task Metrics_count_broadcasts_by_status()
    {
        using var channel = new HostTestChannel("host-metrics");
        TestOrdererHost node = await StartJoinedAsync(channel);

        await node.BroadcastAsync(channel.NewEnvelope(), channel.NewEnvelope());
        await node.BroadcastAsync(TestEnvelopes.Signed(channel.Network.Org1Peer, channel.ChannelId));
        string metrics = await node.Admin.GetStringAsync("/metrics");

        Assert.Contains("# TYPE fabricish_orderer_broadcast_processed_total counter", metrics, StringComparison.Ordinal);
        Assert.Contains($"fabricish_orderer_broadcast_processed_total{{channel=\"{channel.ChannelId}\",status=\"Success\"}} 2", metrics, StringComparison.Ordinal);
        Assert.Contains($"fabricish_orderer_broadcast_processed_total{{channel=\"{channel.ChannelId}\",status=\"Forbidden\"}} 1", metrics, StringComparison.Ordinal);
        // The node's ECDSA work, for the bench's count of what a transaction really costs.
        Assert.Contains("# TYPE fabricish_ecdsa_signs_total counter", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE fabricish_ecdsa_verifies_total counter", metrics, StringComparison.Ordinal);
    }

    private async Task<TestOrdererHost> StartJoinedAsync(HostTestChannel channel)
    {
        var node = new TestOrdererHost(Path.Combine(_host.Scratch.FullPath, channel.ChannelId), channel.NewOrdererIdentity(0), _host.Cluster.BootstrapServers);
        _host.Owned.Add(node);
        await node.StartAsync();
        using HttpResponseMessage joined = await node.JoinAsync(channel.Genesis);
        string body = await joined.Content.ReadAsStringAsync();
        Assert.True(joined.StatusCode == HttpStatusCode.Created, body);
        Assert.Equal($"/participation/v1/channels/{channel.ChannelId}", joined.Headers.Location?.OriginalString);
        Assert.Equal(channel.ChannelId, (string?)JsonNode.Parse(body)!["name"]);
        await WaitHealthyAsync(node);
        return node;
    }

    private static Task WaitHealthyAsync(TestOrdererHost node) => WaitUntilAsync(
        async () => (await node.Admin.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK,
        "/healthz to answer 200");

    private static async Task<ulong> HeightAsync(TestOrdererHost node, string channelId) =>
        (ulong)JsonNode.Parse(await node.Admin.GetStringAsync($"/participation/v1/channels/{channelId}"))!["height"]!;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
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

    private long HighWatermark(string topic)
    {
        using IConsumer<Ignore, byte[]> consumer = new ConsumerBuilder<Ignore, byte[]>(_host.Cluster.ConsumerConfig($"probe-{Guid.NewGuid():N}")).Build();
        return consumer.QueryWatermarkOffsets(new TopicPartition(topic, 0), TimeSpan.FromSeconds(10)).High.Value;
    }
}
