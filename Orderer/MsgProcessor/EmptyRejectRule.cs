using Fabricish.Channels.Config;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>Rejects envelopes with no payload.</summary>
internal sealed class EmptyRejectRule : IMessageRule
{
    public static EmptyRejectRule Instance { get; } = new();

    public FilterResult Apply(BroadcastMessage message, ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Envelope.Payload.IsEmpty ? FilterResult.BadRequest("Message was empty") : FilterResult.Ok;
    }
}
