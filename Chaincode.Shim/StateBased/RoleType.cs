namespace Fabricish.Chaincode.Shim.StateBased;

/// <summary>Fabric's statebased.RoleType: the MSP role every organization of a <see cref="KeyEndorsementPolicy"/> must
/// endorse with. PEER suits a channel whose MSPs enable node OUs, MEMBER one whose MSPs do not.</summary>
public enum RoleType
{
    Member,
    Peer,
}
