using Fabricish.Channels.Config;
using Fabricish.Protos.Common;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>Rejects envelopes with no payload.</summary>
public sealed class EmptyRejectRule : IMessageRule
{
    public static EmptyRejectRule Instance { get; } = new();

    public FilterResult Apply(Envelope message, ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Payload.IsEmpty ? FilterResult.BadRequest("Message was empty") : FilterResult.Ok;
    }
}
