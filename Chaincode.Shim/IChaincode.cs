using Fabricish.Protos.Peer;

namespace Fabricish.Chaincode.Shim;

/// <summary>A chaincode: the peer routes a chaincode's initialisation and every invocation through these.
/// Async because every ledger access is a round trip to the peer over the Connect stream.</summary>
public interface IChaincode
{
    /// <summary>Runs for transactions whose ChaincodeInput has <c>is_init</c> set (INIT messages).</summary>
    Task<Response> InitAsync(IChaincodeStub stub);

    /// <summary>Runs for every other transaction (TRANSACTION messages).</summary>
    Task<Response> InvokeAsync(IChaincodeStub stub);
}
