namespace Fabricish.Channels.Msp;

/// <summary>The OU names cryptogen and Fabric CA use for each <see cref="NodeRole"/>.</summary>
public static class NodeRoles
{
    public const string ClientOu = "client";
    public const string PeerOu = "peer";
    public const string OrdererOu = "orderer";
    public const string AdminOu = "admin";

    public static string OuName(this NodeRole role) => role switch
    {
        NodeRole.Client => ClientOu,
        NodeRole.Peer => PeerOu,
        NodeRole.Orderer => OrdererOu,
        NodeRole.Admin => AdminOu,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown node role"),
    };
}
