namespace Fabricish.Channels.Msp;

/// <summary>
/// The node role an identity carries in its subject OU when an MSP enables NodeOUs
/// (Fabric's <c>client</c>, <c>peer</c>, <c>orderer</c> and <c>admin</c> OUs).
/// </summary>
public enum NodeRole
{
    Client,
    Peer,
    Orderer,
    Admin,
}
