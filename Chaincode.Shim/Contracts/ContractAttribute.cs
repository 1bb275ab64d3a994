namespace Fabricish.Chaincode.Shim.Contracts;

/// <summary>Marks a class as a contract: its <see cref="TransactionAttribute"/> methods are invoked as
/// <c>Name:Method</c>, or as plain <c>Method</c> on the default contract.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ContractAttribute : Attribute
{
    /// <summary>The contract's name; the class name when unset.</summary>
    public string? Name { get; init; }

    /// <summary>Receives function names without a contract prefix. Without one, the first contract does.</summary>
    public bool Default { get; init; }

    public string Title { get; init; } = string.Empty;

    public string Version { get; init; } = string.Empty;
}
