using System.Text.Json;
using Fabricish.Protos.Peer;

namespace Fabricish.Chaincode.Shim.Contracts;

/// <summary>Chaincode made of <see cref="ContractAttribute"/> classes, as fabric-contract-api's
/// ChaincodeFromContract: the first argument names <c>Contract:function</c> (or a function of the default
/// contract), the rest are its arguments.</summary>
public sealed class ContractChaincode : IChaincode
{
    private readonly Dictionary<string, ContractDescriptor> _contracts = new(StringComparer.Ordinal);
    private readonly JsonSerializerOptions _json;
    private readonly string _metadataJson;

    public ContractChaincode(IEnumerable<object> contractInstances, string title = "", string version = "", JsonSerializerOptions? json = null)
    {
        ArgumentNullException.ThrowIfNull(contractInstances);
        _json = json ?? DefaultJsonOptions;
        foreach (object instance in contractInstances)
        {
            var contract = new ContractDescriptor(instance);
            if (contract.Name == ContractMetadata.SystemContractName || !_contracts.TryAdd(contract.Name, contract))
            {
                throw new ArgumentException($"contract name [{contract.Name}] is reserved or used twice", nameof(contractInstances));
            }
        }

        if (_contracts.Count == 0)
        {
            throw new ArgumentException("a contract chaincode needs at least one contract", nameof(contractInstances));
        }

        ContractDescriptor[] markedDefault = [.. _contracts.Values.Where(c => c.IsMarkedDefault)];
        if (markedDefault.Length > 1)
        {
            throw new ArgumentException("more than one contract is marked Default", nameof(contractInstances));
        }

        DefaultContractName = markedDefault.Length == 1 ? markedDefault[0].Name : _contracts.Values.First().Name;
        _metadataJson = ContractMetadata.Build(_contracts.Values, DefaultContractName, title, version, _json);
    }

    public ContractChaincode(params object[] contractInstances)
        : this((IEnumerable<object>)contractInstances)
    {
    }

    /// <summary>Exact property names as declared (or [JsonPropertyName]), read case-insensitively.</summary>
    public static JsonSerializerOptions DefaultJsonOptions { get; } = new() { PropertyNameCaseInsensitive = true };

    public string DefaultContractName { get; }

    /// <summary>What <c>org.hyperledger.fabric:GetMetadata</c> returns.</summary>
    public string MetadataJson => _metadataJson;

    public Task<Response> InitAsync(IChaincodeStub stub)
    {
        ArgumentNullException.ThrowIfNull(stub);

        // Chaincodes needing no initialisation still get called with an empty init; it must succeed.
        return stub.GetArgs().Count == 0 ? Task.FromResult(Shim.Success("Default initiator successful.")) : InvokeAsync(stub);
    }

    public async Task<Response> InvokeAsync(IChaincodeStub stub)
    {
        ArgumentNullException.ThrowIfNull(stub);
        (string function, IReadOnlyList<string> parameters) = stub.GetFunctionAndParameters();
        (string contractName, string functionName) = SplitFunctionName(function);
        if (contractName == ContractMetadata.SystemContractName)
        {
            return functionName == ContractMetadata.GetMetadataFunction
                ? Shim.Success(_metadataJson)
                : Shim.Error($"You've asked to invoke a function that does not exist: {functionName}");
        }

        if (!_contracts.TryGetValue(contractName, out ContractDescriptor? contract))
        {
            return Shim.Error($"Contract name is not known: {contractName}");
        }

        if (!contract.Transactions.TryGetValue(functionName, out TransactionDescriptor? transaction))
        {
            return Shim.Error($"You've asked to invoke a function that does not exist: {functionName}");
        }

        (byte[]? payload, string? error) = await transaction
            .InvokeAsync(contract.Instance, new Context(stub), parameters, _json)
            .ConfigureAwait(false);
        return error is null ? Shim.Success(payload ?? []) : Shim.Error(error);
    }

    /// <summary>Splits at the first ':'; no ':' (or nothing before it) means the default contract.</summary>
    internal (string Contract, string Function) SplitFunctionName(string function)
    {
        int colon = function.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (DefaultContractName, function);
        }

        string contract = function[..colon];
        return (string.IsNullOrWhiteSpace(contract) ? DefaultContractName : contract, function[(colon + 1)..]);
    }
}
