using Fabricish.Orderer.MsgProcessor;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Orderer.Broadcast;

/// <summary>
/// The decision half of Fabric's broadcast handler (<c>ProcessMessage</c> with the registrar's
/// <c>BroadcastChannelSupport</c>): read the channel header, find the channel, classify, and run the channel's message
/// processor. Info texts follow Fabric v2.5's: malformed messages get BAD_REQUEST, CONFIG and ORDERER_TRANSACTION
/// envelopes are refused, policy failures are FORBIDDEN. A channel this orderer does not serve gets NOT_FOUND (a v2.5
/// orderer without a system channel says BAD_REQUEST; NOT_FOUND is the Fabric status that names the cause).
/// </summary>
public sealed class BroadcastHandler
{
    public const string UnknownChannelFormat = "channel '{0}' does not exist on this orderer";

    private readonly Func<string, StandardChannel?> _channels;

    /// <param name="channels">Finds the processor of a channel this orderer serves, or null.</param>
    public BroadcastHandler(Func<string, StandardChannel?> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        _channels = channels;
    }

    public BroadcastOutcome ProcessMessage(Envelope message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ChannelHeader? header = ChannelHeaderOf(message, out string? error);
        if (header is null)
        {
            return BroadcastOutcome.Rejected(Status.BadRequest, $"could not determine channel ID: {error}");
        }

        StandardChannel? channel = _channels(header.ChannelId);
        if (channel is null)
        {
            return BroadcastOutcome.Rejected(
                Status.NotFound, string.Format(System.Globalization.CultureInfo.InvariantCulture, UnknownChannelFormat, header.ChannelId), header.ChannelId);
        }

        switch (StandardChannel.Classify(header))
        {
            case MessageClassification.ConfigMsg:
                return BroadcastOutcome.Rejected(Status.BadRequest, "message is of type that cannot be processed directly", header.ChannelId);
            case MessageClassification.ConfigUpdateMsg:
                ProcessResult update = channel.ProcessConfigUpdateMsg(message);
                return new BroadcastOutcome(update.Status, update.Info, header.ChannelId, IsConfigUpdate: true, update.ConfigSequence, update.ConfigUpdate);
            default:
                ProcessResult normal = channel.ProcessNormalMsg(message);
                return new BroadcastOutcome(normal.Status, normal.Info, header.ChannelId, IsConfigUpdate: false, normal.ConfigSequence, null);
        }
    }

    /// <summary>Fabric's <c>protoutil.ChannelHeader</c>, with its error wording.</summary>
    private static ChannelHeader? ChannelHeaderOf(Envelope message, out string? error)
    {
        Payload payload;
        try
        {
            payload = Payload.Parser.ParseFrom(message.Payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"error unmarshalling Payload: {e.Message}";
            return null;
        }

        if (payload.Header is null)
        {
            error = "header not set";
            return null;
        }

        if (payload.Header.ChannelHeader.IsEmpty)
        {
            error = "channel header not set";
            return null;
        }

        try
        {
            error = null;
            return ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"error unmarshalling channel header: {e.Message}";
            return null;
        }
    }
}
