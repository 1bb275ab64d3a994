using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Update;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Orderer;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.Channels.Tests.Config.Update;

/// <summary>What a configuration must be to replace the current one, beyond being authorized: readable, the same
/// consensus type, and every organization keeping its MSP ID.</summary>
public sealed class ConfigSuccessionTests
{
    // Read, never changed: one network serves every test of the process.
    private readonly TestNetwork _channel = TestNetwork.Shared;

    [Fact]
    public void A_readable_successor_is_returned_as_the_next_channel_config()
    {
        Protos.Common.Config next = Next();
        next.ChannelGroup.Groups["Orderer"].Values["BatchSize"].Value = new BatchSize { MaxMessageCount = 4, AbsoluteMaxBytes = 1024, PreferredMaxBytes = 512 }.ToByteString();

        ConfigResult<ChannelConfig> successor = ConfigSuccession.ValidateNew(_channel.Config, new ConfigEnvelope { Config = next });

        Assert.True(successor.IsOk, successor.Error);
        Assert.Equal((1UL, 4u), (successor.Value!.Sequence, successor.Value.Orderer.BatchSize.MaxMessageCount));
    }

    [Fact]
    public void Changing_the_consensus_type_is_refused()
    {
        Protos.Common.Config next = Next();
        next.ChannelGroup.Groups["Orderer"].Values["ConsensusType"].Value = new ConsensusType { Type = "solo" }.ToByteString();

        ConfigResult<ChannelConfig> successor = ConfigSuccession.ValidateNew(_channel.Config, new ConfigEnvelope { Config = next });

        Assert.Equal("attempted to change consensus type from kafka to solo", successor.Error);
    }

    [Fact]
    public void An_application_org_changing_its_msp_id_is_refused()
    {
        Protos.Common.Config next = Next();
        ConfigValue msp = next.ChannelGroup.Groups["Application"].Groups["Org2MSP"].Values["MSP"];
        MSPConfig config = MSPConfig.Parser.ParseFrom(msp.Value);
        FabricMSPConfig fabric = FabricMSPConfig.Parser.ParseFrom(config.Config);
        fabric.Name = "Org2NewMSP";
        config.Config = fabric.ToByteString();
        msp.Value = config.ToByteString();

        ConfigResult<ChannelConfig> successor = ConfigSuccession.ValidateNew(_channel.Config, new ConfigEnvelope { Config = next });

        Assert.Equal("application org Org2MSP attempted to change MSP ID from Org2MSP to Org2NewMSP", successor.Error);
    }

    [Fact]
    public void An_unreadable_successor_is_refused_naming_the_problem()
    {
        Protos.Common.Config next = Next();
        next.ChannelGroup.Groups.Remove("Orderer");

        ConfigResult<ChannelConfig> successor = ConfigSuccession.ValidateNew(_channel.Config, new ConfigEnvelope { Config = next });

        Assert.StartsWith("the resulting configuration is not valid: /Channel/Orderer: group is missing", successor.Error, StringComparison.Ordinal);
    }

    private Protos.Common.Config Next()
    {
        Protos.Common.Config next = _channel.Config.CloneConfig();
        next.Sequence++;
        return next;
    }
}
