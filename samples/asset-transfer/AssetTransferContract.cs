using System.Text;
using System.Text.Json;
using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Protos.Ledger.Queryresult;

namespace Fabricish.Samples.AssetTransfer;

/// <summary>asset-transfer-basic: assets stored as JSON under their id. Like fabric-samples' asset-transfer-events,
/// every change emits a chaincode event named after the transaction with the asset's JSON as payload.</summary>
[Contract(Name = "AssetTransfer", Default = true, Title = "Asset Transfer", Version = "1.0.0")]
public sealed class AssetTransferContract
{
    [Transaction]
    public async Task CreateAsset(Context ctx, string id, string color, int size, string owner, int appraisedValue)
    {
        if (await AssetExists(ctx, id))
        {
            throw new InvalidOperationException($"the asset {id} already exists");
        }

        await Save(ctx, new Asset { Id = id, Color = color, Size = size, Owner = owner, AppraisedValue = appraisedValue }, nameof(CreateAsset));
    }

    [Transaction(Submit = false)]
    public async Task<Asset> ReadAsset(Context ctx, string id)
    {
        byte[] json = await ctx.Stub.GetStateAsync(id);
        return json.Length == 0
            ? throw new InvalidOperationException($"the asset {id} does not exist")
            : JsonSerializer.Deserialize<Asset>(json)!;
    }

    [Transaction]
    public async Task UpdateAsset(Context ctx, string id, string color, int size, string owner, int appraisedValue)
    {
        if (!await AssetExists(ctx, id))
        {
            throw new InvalidOperationException($"the asset {id} does not exist");
        }

        await Save(ctx, new Asset { Id = id, Color = color, Size = size, Owner = owner, AppraisedValue = appraisedValue }, nameof(UpdateAsset));
    }

    [Transaction]
    public async Task DeleteAsset(Context ctx, string id)
    {
        if (!await AssetExists(ctx, id))
        {
            throw new InvalidOperationException($"the asset {id} does not exist");
        }

        await ctx.Stub.DelStateAsync(id);
        ctx.Stub.SetEvent(nameof(DeleteAsset), Encoding.UTF8.GetBytes(id));
    }

    [Transaction(Submit = false)]
    public async Task<bool> AssetExists(Context ctx, string id) => (await ctx.Stub.GetStateAsync(id)).Length > 0;

    /// <summary>Returns the previous owner.</summary>
    [Transaction]
    public async Task<string> TransferAsset(Context ctx, string id, string newOwner)
    {
        Asset asset = await ReadAsset(ctx, id);
        string oldOwner = asset.Owner;
        asset.Owner = newOwner;
        await Save(ctx, asset, nameof(TransferAsset));
        return oldOwner;
    }

    /// <summary>Every asset: the open range covers all simple keys.</summary>
    [Transaction(Submit = false)]
    public async Task<List<Asset>> GetAllAssets(Context ctx)
    {
        await using IQueryIterator<KV> results = await ctx.Stub.GetStateByRangeAsync(string.Empty, string.Empty);
        return await Collect(results);
    }

    /// <summary>Needs CouchDB as state database: a Mango selector on the JSON documents.</summary>
    [Transaction(Submit = false)]
    public async Task<List<Asset>> QueryAssetsByOwner(Context ctx, string owner)
    {
        string query = JsonSerializer.Serialize(new { selector = new { docType = "asset", Owner = owner } });
        await using IQueryIterator<KV> results = await ctx.Stub.GetQueryResultAsync(query);
        return await Collect(results);
    }

    private static async Task<List<Asset>> Collect(IQueryIterator<KV> results)
    {
        var assets = new List<Asset>();
        await foreach (KV kv in results)
        {
            assets.Add(JsonSerializer.Deserialize<Asset>(kv.Value.Span)!);
        }

        return assets;
    }

    private static Task Save(Context ctx, Asset asset, string eventName)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(asset);
        ctx.Stub.SetEvent(eventName, json);
        return ctx.Stub.PutStateAsync(asset.Id, json);
    }
}
