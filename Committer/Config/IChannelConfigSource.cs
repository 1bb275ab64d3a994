using Fabricish.Channels.Config;

namespace Fabricish.Committer.Config;

/// <summary>The channel configuration validation judges a block by: the MSPs that deserialize creators and
/// endorsers, and the channel's policies. A config transaction replaces it once its block is committed.</summary>
public interface IChannelConfigSource
{
    ChannelConfig Current { get; }
}
