using Fabricish.Channels.Config.Profile;
using Fabricish.Protos.Msp;

namespace Fabricish.Channels.Config;

/// <summary>A peer organization of a channel: its group name, MSP, and anchor peers for gossip.</summary>
public sealed record ApplicationOrgConfig(string Name, string MspId, IReadOnlyList<AnchorPeerSpec> AnchorPeers, MSPConfig Msp);
