using System.Text;

namespace Fabricish.Client;

/// <summary>What a transaction invocation carries besides its name, as fabric-gateway's <c>ProposalOptions</c>.</summary>
public sealed class ProposalOptions
{
    /// <summary>The transaction function's arguments.</summary>
    public IReadOnlyList<byte[]> Arguments { get; init; } = [];

    /// <summary>Private inputs passed to the chaincode but never recorded on the ledger.</summary>
    public IReadOnlyDictionary<string, byte[]> TransientData { get; init; } = new Dictionary<string, byte[]>();

    /// <summary>When set, only these organisations' peers endorse (or, for an evaluation, are asked).</summary>
    public IReadOnlyList<string> EndorsingOrganizations { get; init; } = [];

    /// <summary>Options carrying string arguments, UTF-8 encoded.</summary>
    public static ProposalOptions WithArguments(params string[] arguments) =>
        new() { Arguments = [.. arguments.Select(Encoding.UTF8.GetBytes)] };
}
