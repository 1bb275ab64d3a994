using Fabricish.Channels.Config;

namespace Fabricish.Committer.Config;

/// <summary>The current channel configuration, swapped atomically when a config block commits, so a block that is
/// being validated keeps the snapshot it started with.</summary>
public sealed class ChannelConfigHolder : IChannelConfigSource
{
    private volatile ChannelConfig current;

    public ChannelConfigHolder(ChannelConfig initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        current = initial;
    }

    public ChannelConfig Current => current;

    public void Update(ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        current = config;
    }
}
