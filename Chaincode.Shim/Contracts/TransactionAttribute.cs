namespace Fabricish.Chaincode.Shim.Contracts;

/// <summary>Marks a public method of a contract as a transaction function. An optional first parameter of type
/// <see cref="Context"/> receives the stub and client identity; the others bind to the invocation's arguments
/// (strings as given, anything else as JSON). Results are returned as UTF-8 strings, raw bytes or JSON.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class TransactionAttribute : Attribute
{
    /// <summary>The name clients call; the method name when unset.</summary>
    public string? Name { get; init; }

    /// <summary>False for read-only functions clients should evaluate rather than submit (metadata tag only).</summary>
    public bool Submit { get; init; } = true;
}
