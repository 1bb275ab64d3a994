using Fabricish.Explorer.Hosting;
using Microsoft.Extensions.Options;

namespace Fabricish.Explorer.Ledger;

/// <summary>One <see cref="ChannelIndex"/> per configured channel.</summary>
public sealed class ChannelIndexes(IOptions<ExplorerOptions> options, TimeProvider time)
{
    private readonly Dictionary<string, ChannelIndex> _indexes = options.Value.ChannelList
        .ToDictionary(c => c, c => new ChannelIndex(c, options.Value.RecentBlocks, time), StringComparer.Ordinal);

    public IEnumerable<ChannelIndex> All => _indexes.Values;

    public ChannelIndex? Find(string channel) => _indexes.GetValueOrDefault(channel);
}
