using Fabricish.Orderer.Consensus;
using Fabricish.Protos.Common;

namespace Fabricish.Orderer.Broadcast;

/// <summary>
/// What broadcast decided about one envelope. SUCCESS means accepted for ordering: the service then hands
/// <see cref="ChannelId"/>'s consenter the message with <see cref="ConfigSequence"/> — for a config update, the CONFIG
/// envelope in <see cref="Config"/> computed from it — and answers SUCCESS only once the consenter took it. Otherwise
/// Status and Info are the BroadcastResponse to send. <see cref="TxId"/> is for logs. <see cref="Chain"/> is the chain of
/// the channel that judged the message, from the same lookup, when the handler knows chains.
/// </summary>
public readonly record struct BroadcastOutcome(
    Status Status,
    string? Info,
    string? ChannelId,
    bool IsConfigUpdate,
    ulong ConfigSequence,
    ConfigUpdateEnvelope? ConfigUpdate,
    Envelope? Config = null,
    string? TxId = null,
    IChain? Chain = null)
{
    public bool IsAccepted => Status == Status.Success;

    public static BroadcastOutcome Rejected(Status status, string info, string? channelId = null, bool isConfigUpdate = false, string? txId = null) =>
        new(status, info, channelId, isConfigUpdate, 0, null, null, txId);
}
