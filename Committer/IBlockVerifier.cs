using Fabricish.Protos.Common;

namespace Fabricish.Committer;

/// <summary>Checks a delivered block before anything of it is validated or stored: that it belongs to the channel
/// and carries orderer signatures satisfying <c>/Channel/Orderer/BlockValidation</c> (Fabric's
/// <c>MSPMessageCryptoService.VerifyBlock</c>). Returns the reason a block is refused, or null to accept it.</summary>
public interface IBlockVerifier
{
    string? Verify(Block block);

    /// <summary>As <see cref="Verify(Block)"/>, for the committer, which has hashed the block's data and compared it with
    /// the header before asking: a verifier that checks the data hash too compares with <paramref name="dataHash"/>
    /// rather than hashing the data again.</summary>
    /// <param name="dataHash">SHA-256 of <paramref name="block"/>'s data.</param>
    string? Verify(Block block, ReadOnlySpan<byte> dataHash) => Verify(block);
}
