using System.Text.Json;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Protos.Peer;
using Fabricish.Samples.AssetTransfer;

namespace Fabricish.Chaincode.Shim.Tests;

public sealed class AssetTransferContractTests : IAsyncLifetime
{
    private ChaincodeServer? server;
    private FakePeer? peer;
    private LedgerPeer ledger = null!;

    public async Task InitializeAsync()
    {
        server = await TestServers.StartAsync(new ContractChaincode([new AssetTransferContract()], "asset-transfer-basic", "1.0.0"));
        peer = FakePeer.Connect(server);
        await peer.HandshakeAsync();
        ledger = new LedgerPeer(peer);
    }

    public async Task DisposeAsync()
    {
        if (peer is not null)
        {
            await peer.DisposeAsync();
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task CreateAsset_StoresJsonUnderItsId_AndReadAssetReturnsIt()
    {
        Assert.Equal(Shim.StatusOk, (await ledger.InvokeAsync("CreateAsset", "asset1", "blue", "5", "Tomoko", "300")).Status);

        using JsonDocument stored = JsonDocument.Parse(ledger.State["asset1"]);
        Assert.Equal("Tomoko", stored.RootElement.GetProperty("Owner").GetString());
        Response read = await ledger.InvokeAsync("ReadAsset", "asset1");
        using JsonDocument asset = JsonDocument.Parse(read.Payload.ToStringUtf8());
        Assert.Equal(("asset1", 300), (asset.RootElement.GetProperty("ID").GetString(), asset.RootElement.GetProperty("AppraisedValue").GetInt32()));
    }

    [Fact]
    public async Task CreateAsset_Twice_IsRejected()
    {
        await ledger.InvokeAsync("CreateAsset", "asset1", "blue", "5", "Tomoko", "300");

        Response again = await ledger.InvokeAsync("AssetTransfer:CreateAsset", "asset1", "red", "1", "Brad", "1");

        Assert.Equal((Shim.StatusError, "the asset asset1 already exists"), (again.Status, again.Message));
    }

    [Fact]
    public async Task TransferAsset_ChangesOwner_AndReturnsThePreviousOne()
    {
        await ledger.InvokeAsync("CreateAsset", "asset1", "blue", "5", "Tomoko", "300");

        Response transfer = await ledger.InvokeAsync("TransferAsset", "asset1", "Max");

        Assert.Equal("Tomoko", transfer.Payload.ToStringUtf8());
        Assert.Equal("Max", JsonDocument.Parse(ledger.State["asset1"]).RootElement.GetProperty("Owner").GetString());
    }

    [Fact]
    public async Task UpdateDeleteAndExists_FollowTheAssetsLifecycle()
    {
        Assert.Equal("the asset ghost does not exist", (await ledger.InvokeAsync("UpdateAsset", "ghost", "red", "1", "Ann", "1")).Message);
        await ledger.InvokeAsync("CreateAsset", "asset1", "blue", "5", "Tomoko", "300");
        await ledger.InvokeAsync("UpdateAsset", "asset1", "green", "6", "Tomoko", "400");
        Assert.Equal("green", JsonDocument.Parse(ledger.State["asset1"]).RootElement.GetProperty("Color").GetString());
        Assert.Equal("true", (await ledger.InvokeAsync("AssetExists", "asset1")).Payload.ToStringUtf8());

        await ledger.InvokeAsync("DeleteAsset", "asset1");

        Assert.Equal("false", (await ledger.InvokeAsync("AssetExists", "asset1")).Payload.ToStringUtf8());
        Assert.Equal("the asset asset1 does not exist", (await ledger.InvokeAsync("ReadAsset", "asset1")).Message);
    }

    [Fact]
    public async Task GetAllAssets_ReturnsEverySimpleKeyAsset_InKeyOrder()
    {
        await ledger.InvokeAsync("CreateAsset", "asset2", "red", "5", "Brad", "400");
        await ledger.InvokeAsync("CreateAsset", "asset1", "blue", "5", "Tomoko", "300");

        Response all = await ledger.InvokeAsync("GetAllAssets");

        using JsonDocument list = JsonDocument.Parse(all.Payload.ToStringUtf8());
        Assert.Equal(["asset1", "asset2"], list.RootElement.EnumerateArray().Select(a => a.GetProperty("ID").GetString()));
    }

    [Fact]
    public async Task QueryAssetsByOwner_SendsAMangoSelector_AndReturnsTheMatches()
    {
        await ledger.InvokeAsync("CreateAsset", "asset1", "blue", "5", "Tomoko", "300");
        await ledger.InvokeAsync("CreateAsset", "asset2", "red", "5", "Brad", "400");
        await ledger.InvokeAsync("CreateAsset", "asset3", "green", "5", "Tomoko", "500");

        Response mine = await ledger.InvokeAsync("QueryAssetsByOwner", "Tomoko");

        Assert.Equal("""{"selector":{"docType":"asset","Owner":"Tomoko"}}""", ledger.Queries.Single());
        using JsonDocument list = JsonDocument.Parse(mine.Payload.ToStringUtf8());
        Assert.Equal(["asset1", "asset3"], list.RootElement.EnumerateArray().Select(a => a.GetProperty("ID").GetString()));
    }

    [Fact]
    public async Task Metadata_ListsEveryAssetTransferTransaction()
    {
        Response metadata = await ledger.InvokeAsync("org.hyperledger.fabric:GetMetadata");

        using JsonDocument document = JsonDocument.Parse(metadata.Payload.ToStringUtf8());
        string[] names = [.. document.RootElement.GetProperty("contracts").GetProperty("AssetTransfer").GetProperty("transactions")
            .EnumerateArray().Select(t => t.GetProperty("name").GetString()!).Order(StringComparer.Ordinal)];
        Assert.Equal(
            ["AssetExists", "CreateAsset", "DeleteAsset", "GetAllAssets", "QueryAssetsByOwner", "ReadAsset", "TransferAsset", "UpdateAsset"],
            names);
        Assert.True(document.RootElement.GetProperty("components").GetProperty("schemas").TryGetProperty("Asset", out _));
    }
}
