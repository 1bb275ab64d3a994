using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fabricish.Chaincode.Shim.Contracts;

/// <summary>The document <c>org.hyperledger.fabric:GetMetadata</c> returns, shaped like fabric-contract-api's
/// (contract-schema.json): contracts with their transactions, parameters and returns, plus object schemas.</summary>
internal static class ContractMetadata
{
    public const string SystemContractName = "org.hyperledger.fabric";
    public const string GetMetadataFunction = "GetMetadata";
    private const string SchemaUri = "https://hyperledger.github.io/fabric-chaincode-node/main/api/contract-schema.json";

    public static string Build(IEnumerable<ContractDescriptor> contracts, string defaultContract, string title, string version, JsonSerializerOptions json)
    {
        var schemas = new JsonSchemas(json);
        var contractsNode = new JsonObject();
        foreach (ContractDescriptor contract in contracts)
        {
            var transactions = new JsonArray();
            foreach (TransactionDescriptor transaction in contract.Transactions.Values)
            {
                transactions.Add(Transaction(transaction, schemas));
            }

            contractsNode[contract.Name] = Contract(contract.Name, contract.Name == defaultContract, contract.Title, contract.Version, transactions);
        }

        contractsNode[SystemContractName] = Contract(
            SystemContractName, isDefault: false, string.Empty, string.Empty, [new JsonObject { ["name"] = GetMetadataFunction, ["tag"] = new JsonArray("EVALUATE") }]);

        var schemaNodes = new JsonObject();
        foreach ((string name, JsonObject schema) in schemas.Components)
        {
            schemaNodes[name] = schema;
        }

        var document = new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["info"] = new JsonObject { ["title"] = title, ["version"] = version },
            ["contracts"] = contractsNode,
            ["components"] = new JsonObject { ["schemas"] = schemaNodes },
        };
        return document.ToJsonString();
    }

    private static JsonObject Contract(string name, bool isDefault, string title, string version, JsonArray transactions)
    {
        var instance = new JsonObject { ["name"] = name };
        if (isDefault)
        {
            instance["default"] = true;
        }

        return new JsonObject
        {
            ["name"] = name,
            ["contractInstance"] = instance,
            ["info"] = new JsonObject { ["title"] = string.IsNullOrEmpty(title) ? name : title, ["version"] = version },
            ["transactions"] = transactions,
        };
    }

    private static JsonObject Transaction(TransactionDescriptor transaction, JsonSchemas schemas)
    {
        var parameters = new JsonArray();
        foreach (ParameterInfo parameter in transaction.Parameters)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = parameter.Name,
                ["description"] = string.Empty,
                ["schema"] = schemas.For(parameter.ParameterType),
            });
        }

        var node = new JsonObject
        {
            ["name"] = transaction.Name,
            ["tag"] = transaction.Submit ? new JsonArray("SUBMIT", "submitTx") : new JsonArray("EVALUATE"),
            ["parameters"] = parameters,
        };
        if (transaction.ResultType is { } result)
        {
            node["returns"] = schemas.For(result);
        }

        return node;
    }
}
