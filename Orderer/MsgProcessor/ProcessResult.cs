using Fabricish.Protos.Common;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>
/// The verdict on one broadcast message: SUCCESS with the config sequence it was validated against (the consenter
/// revalidates it if the sequence has moved on by ordering time), or the status and Info Fabric would answer.
/// For an authorized config update, <see cref="ConfigUpdate"/> holds it and <see cref="Config"/> the CONFIG envelope
/// to order in its place (null when the processor has no signing identity to sign one with).
/// </summary>
public readonly record struct ProcessResult(Status Status, string? Info, ulong ConfigSequence, ConfigUpdateEnvelope? ConfigUpdate, Envelope? Config = null)
{
    public bool IsOk => Status == Status.Success;

    public static ProcessResult Accepted(ulong configSequence, ConfigUpdateEnvelope? configUpdate = null, Envelope? config = null) =>
        new(Status.Success, null, configSequence, configUpdate, config);

    public static ProcessResult Rejected(FilterResult result) => new(result.Status, result.Info, 0, null);
}
