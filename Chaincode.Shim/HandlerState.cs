namespace Fabricish.Chaincode.Shim;

/// <summary>The shim side of Fabric's registration handshake: REGISTER sent (Created), REGISTERED received
/// (Established), READY received (Ready, transactions accepted).</summary>
internal enum HandlerState
{
    Created,
    Established,
    Ready,
}
