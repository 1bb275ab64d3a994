using Fabricish.Protos.Peer;

namespace Fabricish.Chaincode.Shim;

/// <summary>A chaincode: the peer routes a chaincode's initialisation and every invocation through these.
/// Async because every ledger access is a round trip to the peer over the Connect stream. As in fabric-shim for Node,
/// a transaction runs where the stream is read, from one stub call to the next: await every stub call (a blocking
/// <c>.Result</c> or <c>.Wait()</c> on one stops the stream, and with it every transaction on it), and keep long
/// computations off it (<c>Task.Run</c>).</summary>
public interface IChaincode
{
    /// <summary>Runs for transactions whose ChaincodeInput has <c>is_init</c> set (INIT messages).</summary>
    Task<Response> InitAsync(IChaincodeStub stub);

    /// <summary>Runs for every other transaction (TRANSACTION messages).</summary>
    Task<Response> InvokeAsync(IChaincodeStub stub);
}
