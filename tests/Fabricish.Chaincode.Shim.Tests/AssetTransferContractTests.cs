using System.Text.Json;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Protos.Peer;
using Fabricish.Samples.AssetTransfer;

namespace Fabricish.Chaincode.Shim.Tests;

public sealed class AssetTransferContractTests : IAsyncLifetime
{
    private ChaincodeServer? _server;
    private FakePeer? _peer;
    private LedgerPeer _ledger = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServers.StartAsync(new ContractChaincode([new AssetTransferContract()], "asset-transfer-basic", "1.0.0"));
        _peer = FakePeer.Connect(_server);
        await _peer.HandshakeAsync();
        _ledger = new LedgerPeer(_peer);
    }

    public async Task DisposeAsync()
    {
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task CreateAsset_StoresJsonUnderItsId_AndReadAssetReturnsIt()
    {
        Assert.Equal(Shim.StatusOk, (await _ledger.InvokeAsync("CreateAsset", "asset1", "blue", "5", "Tomoko", "300")).Status);

        using JsonDocument stored = JsonDocument.Parse(_ledger.State["asset1"]);
        Assert.Equal("Tomoko", stored.RootElement.GetProperty("Owner").GetString());
        Response read = await _ledger.InvokeAsync("ReadAsset", "asset1");
        using JsonDocument asset = JsonDocument.Parse(read.Payload.ToStringUtf8());
        Assert.Equal(("asset1", 300), (asset.RootElement.GetProperty("ID").GetString(), asset.RootElement.GetProperty("AppraisedValue").GetInt32()));
    }

    [Fact]
    public async Task CreateAsset_Twice_IsRejected()
    {
        await _ledger.InvokeAsync("CreateAsset", "asset1", "blue", "5", "Tomoko", "300");

        Response again = await _ledger.InvokeAsync("AssetTransfer:CreateAsset", "asset1", "red", "1", "Brad", "1");

        Assert.Equal((Shim.StatusError, "the asset asset1 already exists"), (again.Status, again.Message));
    }

    [Fact]
    public async Task TransferAsset_ChangesOwner_AndReturnsThePreviousOne()
    {
        await _ledger.InvokeAsync("CreateAsset", "asset1", "blue", "5", "Tomoko", "300");

        Response transfer = await _ledger.InvokeAsync("TransferAsset", "asset1", "Max");

        Assert.Equal("Tomoko", transfer.Payload.ToStringUtf8());
        Assert.Equal("Max", JsonDocument.Parse(_ledger.State["asset1"]).RootElement.GetProperty("Owner").GetString());
    }

    [Fact]
    public async Task UpdateDeleteAndExists_FollowTheAssetsLifecycle()
    {
        Assert.Equal("the asset ghost does not exist", (await _ledger.InvokeAsync("UpdateAsset", "ghost", "red", "1", "Ann", "1")).Message);
        await _ledger.InvokeAsync("CreateAsset", "asset1", "blue", "5", "Tomoko", "300");
        await _ledger.InvokeAsync("UpdateAsset", "asset1", "green", "6", "Tomoko", "400");
        Assert.Equal("green", JsonDocument.Parse(_ledger.State["asset1"]).RootElement.GetProperty("Color").GetString());
        Assert.Equal("true", (await _ledger.InvokeAsync("AssetExists", "asset1")).Payload.ToStringUtf8());

        await _ledger.InvokeAsync("DeleteAsset", "asset1");

        Assert.Equal("false", (await _ledger.InvokeAsync("AssetExists", "asset1")).Payload.ToStringUtf8());
        Assert.Equal("the asset asset1 does not exist", (await _ledger.InvokeAsync("ReadAsset", "asset1")).Message);
    }

    [Fact]
    public async Task GetAllAssets_ReturnsEverySimpleKeyAsset_InKeyOrder()
    {
        await _ledger.InvokeAsync("CreateAsset", "asset2", "red", "5", "Brad", "400");
        await _ledger.InvokeAsync("CreateAsset", "asset1", "blue", "5", "Tomoko", "300");

        Response all = await _ledger.InvokeAsync("GetAllAssets");

        using JsonDocument list = JsonDocument.Parse(all.Payload.ToStringUtf8());
        Assert.Equal(["asset1", "asset2"], list.RootElement.EnumerateArray().Select(a => a.GetProperty("ID").GetString()));
    }

    [Fact]
    public async Task QueryAssetsByOwner_SendsAMangoSelector_AndReturnsTheMatches()
    {
        await _ledger.InvokeAsync("CreateAsset", "asset1", "blue", "5", "Tomoko", "300");
        await _ledger.InvokeAsync("CreateAsset", "asset2", "red", "5", "Brad", "400");
        await _ledger.InvokeAsync("CreateAsset", "asset3", "green", "5", "Tomoko", "500");

        Response mine = await _ledger.InvokeAsync("QueryAssetsByOwner", "Tomoko");

        Assert.Equal("""{"selector":{"docType":"asset","Owner":"Tomoko"}}""", _ledger.Queries.Single());
        using JsonDocument list = JsonDocument.Parse(mine.Payload.ToStringUtf8());
        Assert.Equal(["asset1", "asset3"], list.RootElement.EnumerateArray().Select(a => a.GetProperty("ID").GetString()));
    }

    [Fact]
    public async Task Metadata_ListsEveryAssetTransferTransaction()
    {
        Response metadata = await _ledger.InvokeAsync("org.hyperledger.fabric:GetMetadata");

        using JsonDocument document = JsonDocument.Parse(metadata.Payload.ToStringUtf8());
        string[] names = [.. document.RootElement.GetProperty("contracts").GetProperty("AssetTransfer").GetProperty("transactions")
            .EnumerateArray().Select(t => t.GetProperty("name").GetString()!).Order(StringComparer.Ordinal)];
        Assert.Equal(
            ["AssetExists", "CreateAsset", "DeleteAsset", "GetAllAssets", "QueryAssetsByOwner", "ReadAsset", "TransferAsset", "UpdateAsset"],
            names);
        Assert.True(document.RootElement.GetProperty("components").GetProperty("schemas").TryGetProperty("Asset", out _));
    }
}
