using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Update;
using Fabricish.Protos.Common;

namespace Fabricish.Committer.Config;

/// <summary>Judges a config transaction as Fabric's peer does (<c>Channel.Apply</c>): its last update, authorized
/// against the configuration in force by the same rules the orderer applied (<see cref="ConfigUpdateValidator"/>:
/// read set versions, each changed element's mod_policy), must produce exactly the configuration it carries at the
/// next sequence, and that configuration must be an acceptable successor (<see cref="ConfigSuccession"/>). Once its
/// block is committed it is swapped into a <see cref="ChannelConfigHolder"/>.</summary>
public sealed class ConfigTransactionHandler(ChannelConfigHolder holder) : IConfigTransactionHandler
{
    public string? Validate(ConfigEnvelope envelope, ChannelConfig current)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(current);
        if (ConfigUpdateValidator.For(current).Validate(envelope) is { } refusal)
        {
            return refusal;
        }

        ConfigResult<ChannelConfig> next = ConfigSuccession.ValidateNew(current, envelope);
        return next.IsOk ? null : next.Error;
    }

    public void Apply(ConfigEnvelope envelope, ulong blockNumber)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ConfigResult<ChannelConfig> next = ChannelConfig.FromEnvelope(envelope, holder.Current.ChannelId);

        // Validate accepted this very envelope, so failing now means the code, not the input, is wrong.
        holder.Update(next.Value ?? throw new InvalidOperationException($"config of committed block {blockNumber} no longer parses: {next.Error}"));
    }
}
