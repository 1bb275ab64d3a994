using Fabricish.Channels.Config;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>One broadcast filter (Fabric's <c>msgprocessor.Rule</c>), judged against the channel's current configuration.</summary>
internal interface IMessageRule
{
    FilterResult Apply(BroadcastMessage message, ChannelConfig config);
}
