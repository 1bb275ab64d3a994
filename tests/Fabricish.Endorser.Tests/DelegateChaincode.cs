using Fabricish.Chaincode.Shim;
using Fabricish.Protos.Peer;

namespace Fabricish.Endorser.Tests;

/// <summary>A chaincode whose Invoke is the test's lambda.</summary>
internal sealed class DelegateChaincode(Func<IChaincodeStub, Task<Response>> invoke) : IChaincode
{
    public Task<Response> InitAsync(IChaincodeStub stub) => Task.FromResult(Shim.Success("init"));

    public Task<Response> InvokeAsync(IChaincodeStub stub) => invoke(stub);
}
