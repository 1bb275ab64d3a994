using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;

namespace Fabricish.Channels.Genesis;

/// <summary>configtxgen's <c>-outputBlock</c> path in one call: channel.yaml + profile → genesis block.</summary>
public static class GenesisFromProfile
{
    /// <param name="mspBaseDir">Folder that relative MSPDirs resolve against; null for the yaml's own folder.</param>
    /// <param name="mspSource">How MSP configs are obtained; null reads each organization's MSPDir.</param>
    public static ConfigResult<Block> Build(
        string yamlPath,
        string? profileName,
        string channelId,
        string? mspBaseDir = null,
        Func<OrganizationSpec, ConfigResult<MSPConfig>>? mspSource = null)
    {
        string? badChannel = GenesisBlockBuilder.ValidateChannelId(channelId);
        if (badChannel is not null)
        {
            return ConfigResult<Block>.Fail(badChannel);
        }

        ConfigResult<ChannelProfile> profile = ChannelProfileLoader.LoadFile(yamlPath, profileName, mspBaseDir);
        if (!profile.IsOk)
        {
            return ConfigResult<Block>.Fail(profile.Error!);
        }

        ConfigResult<ConfigGroup> group = ChannelGroupBuilder.Build(profile.Value!, mspSource ?? OrganizationMsps.FromMspDir);
        return group.IsOk ? GenesisBlockBuilder.Build(channelId, group.Value!) : ConfigResult<Block>.Fail(group.Error!);
    }
}
