namespace Fabricish.Channels.Config.Profile;

/// <summary>The Application section of a profile: the peer organizations and their channel-wide policies.</summary>
public sealed record ApplicationSpec(
    IReadOnlyList<OrganizationSpec> Organizations,
    IReadOnlyDictionary<string, PolicySpec> Policies,
    IReadOnlyList<string> Capabilities);
