using System.Text;
using Fabricish.Chaincode.Shim.Contracts;

namespace Fabricish.Samples.PrivateData;

/// <summary>Secrets in private data collections, after Fabric's asset-transfer-private-data: the value comes in the
/// proposal's transient map (key <c>secret</c>) so it never reaches the block, is written to a collection whose
/// member peers alone keep it, and every peer of the channel can prove a value against the hash on the chain.</summary>
[Contract(Name = "PrivateSecrets", Default = true, Title = "Secrets in private data collections", Version = "1.0.0")]
public sealed class PrivateSecretsContract
{
    private const string TransientKey = "secret";

    /// <summary>Stores the transient <c>secret</c> under <paramref name="id"/> in <paramref name="collection"/>.</summary>
    [Transaction]
    public async Task<string> CreateSecret(Context ctx, string collection, string id)
    {
        if (!ctx.Stub.GetTransient().TryGetValue(TransientKey, out byte[]? secret) || secret.Length == 0)
        {
            throw new InvalidOperationException($"the secret must be passed in the transient map under '{TransientKey}'");
        }

        if ((await ctx.Stub.GetPrivateDataHashAsync(collection, id)).Length > 0)
        {
            throw new InvalidOperationException($"secret {id} already exists in {collection}");
        }

        await ctx.Stub.PutPrivateDataAsync(collection, id, secret);
        return id;
    }

    [Transaction(Submit = false)]
    public async Task<string> ReadSecret(Context ctx, string collection, string id)
    {
        byte[] secret = await ctx.Stub.GetPrivateDataAsync(collection, id);
        return secret.Length == 0
            ? throw new InvalidOperationException($"secret {id} does not exist in {collection}")
            : Encoding.UTF8.GetString(secret);
    }

    /// <summary>The SHA-256 (hex) of the secret, which every peer has, members or not.</summary>
    [Transaction(Submit = false)]
    public async Task<string> SecretHash(Context ctx, string collection, string id)
    {
        byte[] hash = await ctx.Stub.GetPrivateDataHashAsync(collection, id);
        return hash.Length == 0
            ? throw new InvalidOperationException($"secret {id} does not exist in {collection}")
            : Convert.ToHexStringLower(hash);
    }

    [Transaction]
    public async Task<string> DeleteSecret(Context ctx, string collection, string id)
    {
        await ctx.Stub.DelPrivateDataAsync(collection, id);
        return id;
    }
}
