using Fabricish.Channels.Config;

namespace Fabricish.Committer.Config;

/// <summary>The current channel configuration, swapped atomically when a config block commits, so a block that is
/// being validated keeps the snapshot it started with.</summary>
public sealed class ChannelConfigHolder : IChannelConfigSource
{
    private volatile ChannelConfig _current;

    public ChannelConfigHolder(ChannelConfig initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = initial;
    }

    public ChannelConfig Current => _current;

    public void Update(ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _current = config;
    }
}
