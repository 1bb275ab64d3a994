using System.Text.Json;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Protos.Peer;
using MessageType = Fabricish.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabricish.Chaincode.Shim.Tests;

public sealed class ContractChaincodeTests
{
    private static readonly ContractChaincode Chaincode = new(new CalculatorContract(), new GreeterContract());

    [Fact]
    public async Task ContractPrefixedFunction_BindsJsonArguments_AndReturnsJsonWithCallerIdentity()
    {
        byte[] creator = TestIdentities.Creator("Org1MSP", "User1@org1.example.com");
        Response response = await RunAsync(TestIdentities.Proposal(creator, DateTimeOffset.UtcNow, new Dictionary<string, byte[]>()),
            "Calc:Add", """{"Left":2,"Right":40}""");

        Assert.Equal(Shim.StatusOk, response.Status);
        Assert.Equal("""{"Total":42,"Caller":"Org1MSP"}""", response.Payload.ToStringUtf8());
    }

    [Fact]
    public async Task UnprefixedFunction_GoesToTheDefaultContract_AndRenamedTransactionsAnswerToTheirName()
    {
        Assert.Equal("hello Ann", (await RunAsync(null, "Hello", "Ann")).Payload.ToStringUtf8());
        Assert.Equal("14", (await RunAsync(null, "Calc:Double", "7")).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task UnknownFunction_IsA500ResponseNamingIt()
    {
        Response response = await RunAsync(null, "Calc:Subtract", "1");

        Assert.Equal(Shim.StatusError, response.Status);
        Assert.Equal("You've asked to invoke a function that does not exist: Subtract", response.Message);
    }

    [Fact]
    public async Task UnknownContract_AndWrongArity_AndThrowingTransaction_AreErrorResponses()
    {
        Assert.Equal("Contract name is not known: Nope", (await RunAsync(null, "Nope:Add")).Message);
        Assert.Equal("Expected 1 parameters, but 0 have been supplied", (await RunAsync(null, "Hello")).Message);
        Response failed = await RunAsync(null, "GreeterContract:Fail");
        Assert.Equal((Shim.StatusError, "greeting refused"), (failed.Status, failed.Message));
    }

    [Fact]
    public async Task GetMetadata_DescribesContractsTransactionsAndObjectSchemas()
    {
        Response response = await RunAsync(null, "org.hyperledger.fabric:GetMetadata");

        using JsonDocument metadata = JsonDocument.Parse(response.Payload.ToStringUtf8());
        JsonElement contracts = metadata.RootElement.GetProperty("contracts");
        JsonElement calc = contracts.GetProperty("Calc");
        string[] names = [.. calc.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("name").GetString()!)];
        Assert.Equal(["Add", "Double"], names.Order());
        JsonElement add = calc.GetProperty("transactions").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Add");
        Assert.Equal("EVALUATE", add.GetProperty("tag")[0].GetString());
        Assert.Equal("#/components/schemas/Operands", add.GetProperty("parameters")[0].GetProperty("schema").GetProperty("$ref").GetString());
        Assert.True(contracts.GetProperty("GreeterContract").GetProperty("contractInstance").GetProperty("default").GetBoolean());
        Assert.True(contracts.TryGetProperty("org.hyperledger.fabric", out _));
        JsonElement operands = metadata.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("Operands");
        Assert.Equal("integer", operands.GetProperty("properties").GetProperty("Left").GetProperty("type").GetString());
    }

    [Fact]
    public void ClientIdentity_ReadsMspIdFabricCaAttributesAndX509Id()
    {
        byte[] creator = TestIdentities.Creator("Org2MSP", "auditor", """{"attrs":{"role":"auditor"}}""");

        ClientIdentity identity = ClientIdentity.FromCreator(creator);

        Assert.Equal("Org2MSP", identity.MspId);
        Assert.Equal("auditor", identity.GetAttributeValue("role"));
        Assert.Null(identity.GetAttributeValue("missing"));
        Assert.StartsWith("x509::CN=auditor", identity.Id, StringComparison.Ordinal);
    }

    private static async Task<Response> RunAsync(SignedProposal? proposal, params string[] args)
    {
        await using ChaincodeServer server = await TestServers.StartAsync(Chaincode);
        await using FakePeer peer = FakePeer.Connect(server);
        await peer.HandshakeAsync();
        await peer.StartAsync("tx1", MessageType.Transaction, proposal, args);
        return await peer.ExpectCompletedAsync("tx1");
    }
}
