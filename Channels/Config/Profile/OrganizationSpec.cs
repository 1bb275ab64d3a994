namespace Fabricish.Channels.Config.Profile;

/// <summary>An organization as configtx.yaml describes it. <see cref="Name"/> keys its config group,
/// <see cref="Id"/> is its MSP ID, <see cref="MspDir"/> is already resolved to a full path.</summary>
public sealed record OrganizationSpec(
    string Name,
    string Id,
    string MspDir,
    IReadOnlyDictionary<string, PolicySpec> Policies,
    IReadOnlyList<string> OrdererEndpoints,
    IReadOnlyList<AnchorPeerSpec> AnchorPeers,
    string Source);
