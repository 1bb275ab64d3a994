using Fabricish.Channels.Config;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>Rules applied in order; the first that rejects decides the answer (Fabric's <c>msgprocessor.RuleSet</c>).</summary>
internal sealed class RuleSet(IReadOnlyList<IMessageRule> rules) : IMessageRule
{
    private readonly IMessageRule[] _rules = [.. rules ?? throw new ArgumentNullException(nameof(rules))];

    public FilterResult Apply(BroadcastMessage message, ChannelConfig config)
    {
        foreach (IMessageRule rule in _rules)
        {
            FilterResult result = rule.Apply(message, config);
            if (!result.IsOk)
            {
                return result;
            }
        }

        return FilterResult.Ok;
    }
}
