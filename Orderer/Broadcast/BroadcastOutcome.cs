using Fabricish.Protos.Common;

namespace Fabricish.Orderer.Broadcast;

/// <summary>
/// What broadcast decided about one envelope. SUCCESS means accepted for ordering: the service then hands
/// <see cref="ChannelId"/>'s consenter the message with <see cref="ConfigSequence"/> (and for a config update, the
/// authorized update), and answers SUCCESS only once the consenter took it. Otherwise Status and Info are the
/// BroadcastResponse to send.
/// </summary>
public readonly record struct BroadcastOutcome(
    Status Status,
    string? Info,
    string? ChannelId,
    bool IsConfigUpdate,
    ulong ConfigSequence,
    ConfigUpdateEnvelope? ConfigUpdate)
{
    public bool IsAccepted => Status == Status.Success;

    public static BroadcastOutcome Rejected(Status status, string info, string? channelId = null, bool isConfigUpdate = false) =>
        new(status, info, channelId, isConfigUpdate, 0, null);
}
