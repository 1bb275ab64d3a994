using Fabricish.Channels.Msp;

namespace Fabricish.Endorser.SystemChaincode;

/// <summary>The peer's local MSP "Admins" policy (Fabric's mgmt.Admins), which guards what only the peer's own
/// administrators may do: install chaincode packages, read them back, approve definitions for the peer's org.</summary>
public interface ILocalMspAdmins
{
    /// <summary>The MSP id of the peer's organization.</summary>
    string MspId { get; }

    /// <summary>The creator as a valid admin identity of the local MSP, or null with the reason it is not one.</summary>
    IIdentity? AuthenticateAdmin(ReadOnlySpan<byte> serializedCreator, out string? reason);

    /// <summary>The creator as a valid identity of the local MSP (Fabric's local "Members" policy, and how its endorser
    /// deserializes a channel-less proposal's creator), or null with the reason it is not one.</summary>
    IIdentity? AuthenticateMember(ReadOnlySpan<byte> serializedCreator, out string? reason);
}
