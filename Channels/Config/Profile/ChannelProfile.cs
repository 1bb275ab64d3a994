namespace Fabricish.Channels.Config.Profile;

/// <summary>One channel profile of a channel.yaml (configtx.yaml vocabulary), fully resolved: anchors and merge keys
/// applied, byte sizes and durations parsed, MSP folders made absolute. Capabilities hold only the enabled names.</summary>
public sealed record ChannelProfile(
    string Name,
    IReadOnlyDictionary<string, PolicySpec> Policies,
    IReadOnlyList<string> Capabilities,
    string? Consortium,
    OrdererSpec? Orderer,
    ApplicationSpec? Application);
