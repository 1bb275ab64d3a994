using Fabricish.Protos.Common;

namespace Fabricish.Channels.Config.Update;

/// <summary>
/// What Fabric's channelconfig bundle demands of a configuration replacing the current one, on orderers
/// (<c>ChainSupport.ProposeConfigUpdate</c>) and peers (<c>Channel.Apply</c>) alike: it must read as a channel
/// configuration with working MSPs and policies (<c>NewBundle</c>), and <c>ValidateNew</c> must pass — the sections
/// present stay present, the consensus type stays (a Kafka chain has no migration path) and no organization changes its
/// MSP ID, which would re-attribute everything its members signed.
/// </summary>
public static class ConfigSuccession
{
    /// <param name="time">The clock the new MSPs judge certificate validity by; the system clock when null.</param>
    /// <returns>The next configuration, or why it cannot follow <paramref name="current"/>.</returns>
    public static ConfigResult<ChannelConfig> ValidateNew(ChannelConfig current, ConfigEnvelope next, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        ConfigResult<ChannelConfig> parsed = ChannelConfig.FromEnvelope(next, current.ChannelId, time);
        if (!parsed.IsOk)
        {
            return ConfigResult<ChannelConfig>.Fail($"the resulting configuration is not valid: {parsed.Error}");
        }

        string? error = Compare(current, parsed.Value!);
        return error is null ? parsed : ConfigResult<ChannelConfig>.Fail(error);
    }

    private static string? Compare(ChannelConfig current, ChannelConfig next)
    {
        if (current.Orderer.ConsensusType != next.Orderer.ConsensusType)
        {
            return $"attempted to change consensus type from {current.Orderer.ConsensusType} to {next.Orderer.ConsensusType}";
        }

        foreach (OrdererOrgConfig org in current.Orderer.Organizations)
        {
            if (next.Orderer.Organizations.FirstOrDefault(o => o.Name == org.Name) is { } changed && changed.MspId != org.MspId)
            {
                return $"orderer org {org.Name} attempted to change MSP ID from {org.MspId} to {changed.MspId}";
            }
        }

        if (current.Application is null)
        {
            return null;
        }

        if (next.Application is null)
        {
            return "current config has application section, but new config does not";
        }

        foreach (ApplicationOrgConfig org in current.Application.Organizations)
        {
            if (next.Application.Organizations.FirstOrDefault(o => o.Name == org.Name) is { } changed && changed.MspId != org.MspId)
            {
                return $"application org {org.Name} attempted to change MSP ID from {org.MspId} to {changed.MspId}";
            }
        }

        return null;
    }
}
