using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Genesis;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Google.Protobuf;

namespace Fabricish.Channels.Tests.Config;

public sealed class ChannelConfigTests : IDisposable
{
    private readonly TestMsps _msps = new();

    public void Dispose() => _msps.Dispose();

    private ChannelProfile Profile()
    {
        var loaded = ChannelProfileLoader.LoadFile(_msps.SampleYaml, "TwoOrgsChannel", "/crypto");
        Assert.True(loaded.IsOk, loaded.Error);
        return loaded.Value!;
    }

    private Block Genesis(ChannelProfile profile)
    {
        var group = ChannelGroupBuilder.Build(profile, _msps.Source);
        Assert.True(group.IsOk, group.Error);
        var block = GenesisBlockBuilder.Build("mychannel", group.Value!);
        Assert.True(block.IsOk, block.Error);
        return block.Value!;
    }

    /// <summary>A genesis block whose config tree has been altered by <paramref name="mutate"/>.</summary>
    private Block GenesisWith(Action<ConfigGroup> mutate)
    {
        var group = ChannelGroupBuilder.Build(Profile(), _msps.Source).Value!;
        mutate(group);
        return GenesisBlockBuilder.Build("mychannel", group).Value!;
    }

    [Fact]
    public void Config_read_from_the_genesis_block_equals_the_profile_it_was_built_from()
    {
        ChannelProfile profile = Profile();

        var parsed = ChannelConfig.FromBlock(Genesis(profile));

        Assert.True(parsed.IsOk, parsed.Error);
        ChannelConfig config = parsed.Value!;
        Assert.Equal("mychannel", config.ChannelId);
        Assert.Equal(0ul, config.Sequence);
        Assert.Equal(profile.Capabilities, config.Capabilities);
        Assert.Equal(profile.Orderer!.Addresses, config.OrdererAddresses);
        Assert.Equal(profile.Orderer.OrdererType, config.Orderer.ConsensusType);
        Assert.Equal(ConsensusType.Types.State.Normal, config.Orderer.ConsensusState);
        Assert.Equal(profile.Orderer.BatchSize, config.Orderer.BatchSize);
        Assert.Equal(profile.Orderer.BatchTimeout, config.Orderer.BatchTimeout);
        Assert.Equal(profile.Orderer.KafkaBrokers, config.Orderer.KafkaBrokers);
        Assert.Equal(profile.Orderer.Capabilities, config.Orderer.Capabilities);
        OrdererOrgConfig ordererOrg = Assert.Single(config.Orderer.Organizations);
        Assert.Equal(("OrdererOrg", "OrdererMSP"), (ordererOrg.Name, ordererOrg.MspId));
        Assert.Equal(profile.Orderer.Organizations[0].OrdererEndpoints, ordererOrg.Endpoints);
        Assert.Equal(profile.Application!.Capabilities, config.Application!.Capabilities);
        Assert.Equal(
            profile.Application.Organizations.Select(o => (o.Name, o.Id, o.AnchorPeers.ToList())),
            config.Application.Organizations.Select(o => (o.Name, o.MspId, o.AnchorPeers.ToList())));
        Assert.Equal(["OrdererMSP", "Org1MSP", "Org2MSP"], config.Msps.MspIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Policies_of_the_parsed_config_are_addressable_by_path()
    {
        ChannelConfig config = ChannelConfig.FromBlock(Genesis(Profile())).Value!;

        Assert.True(config.Policies.TryGetPolicy("/Channel/Orderer/BlockValidation", out _));
        Assert.True(config.Policies.TryGetPolicy("/Channel/Application/LifecycleEndorsement", out _));
        Assert.True(config.Policies.TryGetPolicy("/Channel/Application/Org1MSP/Endorsement", out _));
        Assert.False(config.Policies.TryGetPolicy("/Channel/Application/Nope", out _));
    }

    [Fact]
    public void The_view_is_immutable_against_changes_to_the_source_envelope()
    {
        var envelope = ConfigEnvelope.Parser.ParseFrom(
            Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(Genesis(Profile()).Data.Data[0]).Payload).Data);
        ChannelConfig config = ChannelConfig.FromEnvelope(envelope, "mychannel").Value!;

        envelope.Config.Sequence = 7;
        envelope.Config.ChannelGroup.Groups.Clear();

        Assert.Equal(0ul, config.Sequence);
        Assert.Equal(2, config.CloneConfig().ChannelGroup.Groups.Count);
    }

    [Fact]
    public void Missing_orderer_group_is_reported()
    {
        var result = ChannelConfig.FromBlock(GenesisWith(g => g.Groups.Remove("Orderer")));

        Assert.False(result.IsOk);
        Assert.Contains("/Channel/Orderer: group is missing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_value_bytes_are_reported_with_their_config_path()
    {
        var result = ChannelConfig.FromBlock(GenesisWith(g =>
            g.Groups["Orderer"].Values["BatchSize"].Value = ByteString.CopyFrom(0xFF, 0xFF, 0xFF)));

        Assert.False(result.IsOk);
        Assert.Contains("/Channel/Orderer/BatchSize: not a valid BatchSize", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u, 10u, 5u, "max_message_count")]
    [InlineData(10u, 0u, 0u, "absolute_max_bytes")]
    [InlineData(10u, 5u, 6u, "preferred_max_bytes")]
    public void Unusable_batch_sizes_are_refused(uint count, uint absolute, uint preferred, string field)
    {
        var size = new BatchSize { MaxMessageCount = count, AbsoluteMaxBytes = absolute, PreferredMaxBytes = preferred };

        var result = ChannelConfig.FromBlock(GenesisWith(g => g.Groups["Orderer"].Values["BatchSize"].Value = size.ToByteString()));

        Assert.False(result.IsOk);
        Assert.Contains(field, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unparseable_batch_timeout_is_refused()
    {
        var result = ChannelConfig.FromBlock(GenesisWith(g =>
            g.Groups["Orderer"].Values["BatchTimeout"].Value = new BatchTimeout { Timeout = "soon" }.ToByteString()));

        Assert.False(result.IsOk);
        Assert.Contains("/Channel/Orderer/BatchTimeout: 'soon'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Hashing_algorithm_other_than_sha256_is_refused()
    {
        var result = ChannelConfig.FromBlock(GenesisWith(g =>
            g.Values["HashingAlgorithm"].Value = new HashingAlgorithm { Name = "SHA3_256" }.ToByteString()));

        Assert.False(result.IsOk);
        Assert.Contains("SHA3_256", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Organization_without_msp_is_refused()
    {
        var result = ChannelConfig.FromBlock(GenesisWith(g => g.Groups["Application"].Groups["Org2MSP"].Values.Remove("MSP")));

        Assert.False(result.IsOk);
        Assert.Contains("/Channel/Application/Org2MSP/MSP: value is missing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Msp_without_root_certificates_is_refused()
    {
        var result = ChannelConfig.FromBlock(GenesisWith(g =>
        {
            var msp = Protos.Msp.MSPConfig.Parser.ParseFrom(g.Groups["Application"].Groups["Org1MSP"].Values["MSP"].Value);
            var fabric = Protos.Msp.FabricMSPConfig.Parser.ParseFrom(msp.Config);
            fabric.RootCerts.Clear();
            msp.Config = fabric.ToByteString();
            g.Groups["Application"].Groups["Org1MSP"].Values["MSP"].Value = msp.ToByteString();
        }));

        Assert.False(result.IsOk);
        Assert.Contains("Org1MSP", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Block_that_is_not_a_config_block_is_refused()
    {
        var block = Genesis(Profile());
        var envelope = Envelope.Parser.ParseFrom(block.Data.Data[0]);
        var payload = Payload.Parser.ParseFrom(envelope.Payload);
        var header = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        header.Type = (int)HeaderType.EndorserTransaction;
        payload.Header.ChannelHeader = header.ToByteString();
        envelope.Payload = payload.ToByteString();
        block.Data.Data[0] = envelope.ToByteString();

        var result = ChannelConfig.FromBlock(block);

        Assert.False(result.IsOk);
        Assert.Contains("not a config block", result.Error, StringComparison.Ordinal);
    }
}
