namespace Fabricish.Channels.Config.Profile;

/// <summary>The Orderer section of a profile: consensus, block cutting, brokers, ordering organizations.</summary>
public sealed record OrdererSpec(
    string OrdererType,
    IReadOnlyList<string> Addresses,
    TimeSpan BatchTimeout,
    BatchSizeSpec BatchSize,
    IReadOnlyList<string> KafkaBrokers,
    ulong MaxChannels,
    IReadOnlyList<OrganizationSpec> Organizations,
    IReadOnlyDictionary<string, PolicySpec> Policies,
    IReadOnlyList<string> Capabilities);
