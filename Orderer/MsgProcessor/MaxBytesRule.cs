using Fabricish.Channels.Config;
using Fabricish.Protos.Common;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>
/// Rejects envelopes whose payload plus signature exceeds the channel's AbsoluteMaxBytes (Fabric's size filter).
/// Fabric v2.5 folds this into BAD_REQUEST; we answer REQUEST_ENTITY_TOO_LARGE (a Fabric status every client treats
/// as a failure) so a client can tell "too big" from "malformed" without parsing the Info text.
/// </summary>
internal sealed class MaxBytesRule : IMessageRule
{
    public static MaxBytesRule Instance { get; } = new();

    public FilterResult Apply(BroadcastMessage message, ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(config);
        long size = (long)message.Envelope.Payload.Length + message.Envelope.Signature.Length;
        uint maxBytes = config.Orderer.BatchSize.AbsoluteMaxBytes;
        return size > maxBytes
            ? new FilterResult(Status.RequestEntityTooLarge, $"message payload is {size} bytes and exceeds maximum allowed {maxBytes} bytes")
            : FilterResult.Ok;
    }
}
