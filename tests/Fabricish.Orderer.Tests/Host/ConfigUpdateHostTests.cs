using Fabricish.Channels.Blocks;
using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing;
using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;

namespace Fabricish.Orderer.Tests.Host;

/// <summary>Channel config updates through the hosted orderer over Kafka 0.9: authorized, turned into a CONFIG envelope,
/// ordered as a block of its own, and in force for the messages after it.</summary>
[Collection(InfraCollections.Kafka)]
public sealed class ConfigUpdateHostTests(KafkaClusterFixture fixture) : IAsyncLifetime
{
    private readonly KafkaHostScope _host = new(fixture.Cluster, "orderer-config-update");

    public Task InitializeAsync() => _host.StartAsync();

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task A_third_org_added_with_a_majority_of_admin_signatures_gets_a_config_block_after_which_its_client_may_broadcast()
    {
        // A CONFIG envelope carries every org's MSP plus the update: more than the 32 KB the other host tests allow.
        using var channel = new HostTestChannel("host-config-org3", absoluteMaxBytes: 256 * 1024);
        TestNetwork network = channel.Network;
        TestOrdererHost node = await _host.StartJoinedAsync(channel);
        TestOrg org3 = network.Own(new TestOrg("Org3MSP", "org3.example.com"));
        SigningIdentity org3Client = network.Own(org3.Identity("User1@org3.example.com", NodeRole.Client));
        ConfigUpdate update = ConfigUpdates.AddApplicationOrg(channel.ChannelId, network.ChannelGroup, "Org3MSP", network.Channel.NewApplicationOrg(org3));

        BroadcastResponse beforeUpdate = (await node.BroadcastAsync(TestEnvelopes.Signed(org3Client, channel.ChannelId))).Single();
        BroadcastResponse tooFewSignatures = (await node.BroadcastAsync(ConfigUpdates.Envelope(update, channel.ChannelId, network.Org1Admin, network.Org1Admin))).Single();
        BroadcastResponse authorized = (await node.BroadcastAsync(ConfigUpdates.Envelope(update, channel.ChannelId, network.Org1Admin, network.Org1Admin, network.Org2Admin))).Single();

        Assert.Equal(Status.Forbidden, beforeUpdate.Status);
        Assert.Equal(Status.BadRequest, tooFewSignatures.Status);
        Assert.Contains("policy for [Group]  /Channel/Application not satisfied: policy /Channel/Application/Admins", tooFewSignatures.Info, StringComparison.Ordinal);
        Assert.True(authorized.Status == Status.Success, authorized.Info);

        Block configBlock = (await HostSteps.BlocksAsync(node, channel, 1, blocks => blocks.Count >= 1))[0];
        ConfigResult<ChannelConfig> config = ChannelConfig.FromBlock(configBlock);
        Assert.True(config.IsOk, config.Error);
        Assert.Equal(1ul, config.Value!.Sequence);
        Assert.Contains(config.Value.Application!.Organizations, o => o.MspId == "Org3MSP");
        Assert.Equal(1ul, BlockMetadataReader.TryGetLastConfigIndex(configBlock));

        Envelope fromOrg3 = TestEnvelopes.Signed(org3Client, channel.ChannelId);
        BroadcastResponse afterUpdate = (await node.BroadcastAsync(fromOrg3)).Single();
        Assert.True(afterUpdate.Status == Status.Success, afterUpdate.Info);
        List<Block> later = await HostSteps.BlocksAsync(node, channel, 2, blocks => blocks.SelectMany(HostTestChannel.TxIds).Contains(HostTestChannel.TxId(fromOrg3)));
        Assert.All(later, b => Assert.Equal(1ul, BlockMetadataReader.TryGetLastConfigIndex(b)));
    }

    [Fact]
    public async Task A_batch_size_change_cuts_the_blocks_after_its_config_block_at_the_new_max_message_count_in_stream_order()
    {
        using var channel = new HostTestChannel("host-config-batch", maxMessageCount: 5);
        TestNetwork network = channel.Network;
        TestOrdererHost node = await _host.StartJoinedAsync(channel);
        SigningIdentity ordererAdmin = network.Own(network.OrdererOrg.Identity("Admin@example.com", NodeRole.Admin));
        var batchSize = new BatchSize { MaxMessageCount = 2, AbsoluteMaxBytes = HostTestChannel.AbsoluteMaxBytes, PreferredMaxBytes = HostTestChannel.AbsoluteMaxBytes / 2 };
        ConfigUpdate update = ConfigUpdates.SetBatchSize(channel.ChannelId, network.ChannelGroup, batchSize);

        BroadcastResponse authorized = (await node.BroadcastAsync(ConfigUpdates.Envelope(update, channel.ChannelId, ordererAdmin, ordererAdmin))).Single();
        Assert.True(authorized.Status == Status.Success, authorized.Info);
        await HostSteps.BlocksAsync(node, channel, 1, blocks => blocks.Count >= 1);

        // Written all at once on one stream, so they reach Kafka together: only the message count can cut them.
        Envelope[] sent = [.. Enumerable.Range(0, 7).Select(_ => channel.NewEnvelope())];
        List<BroadcastResponse> responses = await HostSteps.BroadcastPipelinedAsync(node, sent);
        List<Block> blocks = await HostSteps.BlocksAsync(node, channel, 2, b => b.SelectMany(HostTestChannel.TxIds).Count() >= sent.Length);

        Assert.Equal(sent.Length, responses.Count);
        Assert.All(responses, r => Assert.Equal(Status.Success, r.Status));
        Assert.Equal([2, 2, 2, 1], blocks.Select(b => b.Data.Data.Count));
        Assert.Equal(sent.Select(HostTestChannel.TxId), blocks.SelectMany(HostTestChannel.TxIds));
    }
}
