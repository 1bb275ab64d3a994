using Fabricish.Protos.Peer;

namespace Fabricish.Chaincode.Shim.Tests;

/// <summary>A chaincode whose Invoke is the test's lambda.</summary>
internal sealed class DelegateChaincode : IChaincode
{
    private readonly Func<IChaincodeStub, Task<Response>> _invoke;
    private readonly Func<IChaincodeStub, Task<Response>>? _init;

    public DelegateChaincode(Func<IChaincodeStub, Task<Response>> invoke, Func<IChaincodeStub, Task<Response>>? init = null)
    {
        _invoke = invoke;
        _init = init;
    }

    public Task<Response> InitAsync(IChaincodeStub stub) => _init is null ? Task.FromResult(Shim.Success("init")) : _init(stub);

    public Task<Response> InvokeAsync(IChaincodeStub stub) => _invoke(stub);
}
