namespace Fabricish.Channels.Config.Profile;

/// <summary>When the orderer cuts a block: after this many messages, or before exceeding these sizes in bytes.</summary>
public sealed record BatchSizeSpec(uint MaxMessageCount, uint AbsoluteMaxBytes, uint PreferredMaxBytes);
