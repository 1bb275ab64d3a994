using System.Globalization;
using Fabricish.Orderer.MsgProcessor;
using Fabricish.Orderer.Registrar;
using Fabricish.Protos.Common;

namespace Fabricish.Orderer.Broadcast;

/// <summary>
/// The decision half of Fabric's broadcast handler (<c>ProcessMessage</c> with the registrar's
/// <c>BroadcastChannelSupport</c>): read the channel header, find the channel, classify, and run the channel's message
/// processor. The envelope's header is read once here and handed to every check. Info texts follow Fabric v2.5's:
/// malformed messages get BAD_REQUEST, CONFIG and ORDERER_TRANSACTION envelopes are refused, policy failures are
/// FORBIDDEN. A channel this orderer does not serve gets NOT_FOUND (a v2.5 orderer without a system channel says
/// BAD_REQUEST; NOT_FOUND is the Fabric status that names the cause). The channel is looked up once per message and
/// the outcome carries the chain found with the processor, so a message is ordered by the channel that judged it.
/// Thread-safe.
/// </summary>
public sealed class BroadcastHandler
{
    public const string UnknownChannelFormat = "channel '{0}' does not exist on this orderer";

    private readonly Func<string, BroadcastTarget?> _channels;

    /// <summary>Judges messages only: the outcomes carry no chain, the caller orders accepted messages itself.</summary>
    /// <param name="channels">Finds the processor of a channel this orderer serves, or null.</param>
    public BroadcastHandler(Func<string, StandardChannel?> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        _channels = id => channels(id) is { } processor ? new BroadcastTarget(processor, null) : null;
    }

    /// <summary>Judges messages by the channels <paramref name="registrar"/> serves; accepted outcomes carry the channel's chain.</summary>
    internal BroadcastHandler(ChannelRegistrar registrar)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        _channels = id => registrar.Get(id) is { } channel ? new BroadcastTarget(channel.Processor, channel.Chain) : null;
    }

    public BroadcastOutcome ProcessMessage(Envelope message)
    {
        ArgumentNullException.ThrowIfNull(message);
        BroadcastMessage parsed = BroadcastMessage.Parse(message);
        if (parsed.ChannelHeader is not { } header)
        {
            return BroadcastOutcome.Rejected(Status.BadRequest, $"could not determine channel ID: {parsed.ChannelHeaderError}");
        }

        string channelId = header.ChannelId;
        if (_channels(channelId) is not { } target)
        {
            return BroadcastOutcome.Rejected(
                Status.NotFound, string.Format(CultureInfo.InvariantCulture, UnknownChannelFormat, channelId), channelId, txId: header.TxId);
        }

        StandardChannel channel = target.Processor;
        switch (StandardChannel.Classify(header))
        {
            case MessageClassification.ConfigMsg:
                return BroadcastOutcome.Rejected(Status.BadRequest, "message is of type that cannot be processed directly", channelId, txId: header.TxId);
            case MessageClassification.ConfigUpdateMsg:
                ProcessResult update = channel.ProcessConfigUpdateMsg(parsed);
                return new BroadcastOutcome(update.Status, update.Info, channelId, IsConfigUpdate: true, update.ConfigSequence, update.ConfigUpdate, update.Config, header.TxId, target.Chain);
            default:
                ProcessResult normal = channel.ProcessNormalMsg(parsed);
                return new BroadcastOutcome(normal.Status, normal.Info, channelId, IsConfigUpdate: false, normal.ConfigSequence, null, null, header.TxId, target.Chain);
        }
    }
}
