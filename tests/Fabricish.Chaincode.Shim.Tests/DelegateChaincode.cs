using Fabricish.Protos.Peer;

namespace Fabricish.Chaincode.Shim.Tests;

/// <summary>A chaincode whose Invoke is the test's lambda.</summary>
internal sealed class DelegateChaincode : IChaincode
{
    private readonly Func<IChaincodeStub, Task<Response>> invoke;
    private readonly Func<IChaincodeStub, Task<Response>>? init;

    public DelegateChaincode(Func<IChaincodeStub, Task<Response>> invoke, Func<IChaincodeStub, Task<Response>>? init = null)
    {
        this.invoke = invoke;
        this.init = init;
    }

    public Task<Response> InitAsync(IChaincodeStub stub) => init is null ? Task.FromResult(Shim.Success("init")) : init(stub);

    public Task<Response> InvokeAsync(IChaincodeStub stub) => invoke(stub);
}
