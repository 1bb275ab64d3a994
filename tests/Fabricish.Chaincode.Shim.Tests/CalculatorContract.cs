using Fabricish.Chaincode.Shim.Contracts;

namespace Fabricish.Chaincode.Shim.Tests;

[Contract(Name = "Calc")]
public sealed class CalculatorContract
{
    [Transaction(Submit = false)]
    public Sum Add(Context ctx, Operands operands) => new(operands.Left + operands.Right, ctx.ClientIdentity.MspId);

    [Transaction(Name = "Double")]
    public Task<int> Twice(int value) => Task.FromResult(value * 2);

    public static string NotATransaction() => "hidden";
}
