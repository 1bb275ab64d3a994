using Fabricish.Chaincode.Shim.Contracts;

namespace Fabricish.Chaincode.Shim.Tests;

[Contract(Default = true)]
public sealed class GreeterContract
{
    [Transaction]
    public string Hello(string name) => $"hello {name}";

    [Transaction]
    public void Fail() => throw new InvalidOperationException("greeting refused");
}
