using Fabricish.Protos.Common;

namespace Fabricish.Committer;

/// <summary>Checks a delivered block before anything of it is validated or stored: that it belongs to the channel
/// and carries orderer signatures satisfying <c>/Channel/Orderer/BlockValidation</c> (Fabric's
/// <c>MSPMessageCryptoService.VerifyBlock</c>). Returns the reason a block is refused, or null to accept it.</summary>
public interface IBlockVerifier
{
    string? Verify(Block block);
}
