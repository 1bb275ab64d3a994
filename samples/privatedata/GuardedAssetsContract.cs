using System.Text;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Chaincode.Shim.StateBased;

namespace Fabricish.Samples.PrivateData;

/// <summary>Key-level endorsement, after Fabric's asset-transfer-sbe: an asset names the organization that owns it,
/// and its key carries an endorsement policy requiring that organization's peer. From then on a change of the asset
/// needs the owner's endorsement instead of the chaincode's policy: the owner alone can update it, another
/// organization alone cannot. Call as <c>GuardedAssets:Create</c> and so on.</summary>
[Contract(Name = "GuardedAssets", Title = "Assets guarded by key-level endorsement policies", Version = "1.0.0")]
public sealed class GuardedAssetsContract
{
    /// <summary>Stores <paramref name="value"/> under <paramref name="id"/>, guarded by <paramref name="ownerMspId"/>'s peers.</summary>
    [Transaction]
    public async Task<string> Create(Context ctx, string id, string value, string ownerMspId)
    {
        if ((await ctx.Stub.GetStateAsync(id)).Length > 0)
        {
            throw new InvalidOperationException($"asset {id} already exists");
        }

        await ctx.Stub.PutStateAsync(id, Encoding.UTF8.GetBytes(value));
        var policy = new KeyEndorsementPolicy();
        policy.AddOrgs(RoleType.Peer, ownerMspId);
        await ctx.Stub.SetStateValidationParameterAsync(id, policy.Policy());
        return id;
    }

    /// <summary>Changes the asset; valid only with the endorsement its key's policy requires.</summary>
    [Transaction]
    public async Task<string> Update(Context ctx, string id, string value)
    {
        if ((await ctx.Stub.GetStateAsync(id)).Length == 0)
        {
            throw new InvalidOperationException($"asset {id} does not exist");
        }

        await ctx.Stub.PutStateAsync(id, Encoding.UTF8.GetBytes(value));
        return id;
    }

    /// <summary>The asset's value and the organizations its key-level policy requires.</summary>
    [Transaction(Submit = false)]
    public async Task<string> Read(Context ctx, string id)
    {
        byte[] value = await ctx.Stub.GetStateAsync(id);
        if (value.Length == 0)
        {
            throw new InvalidOperationException($"asset {id} does not exist");
        }

        var policy = new KeyEndorsementPolicy(await ctx.Stub.GetStateValidationParameterAsync(id));
        return $"{Encoding.UTF8.GetString(value)} (endorsed by {string.Join(", ", policy.ListOrgs())})";
    }
}
