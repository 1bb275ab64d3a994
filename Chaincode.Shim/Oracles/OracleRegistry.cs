using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Fabricish.Chaincode.Shim.Contracts;

namespace Fabricish.Chaincode.Shim.Oracles;

/// <summary>The oracles a chaincode trusts, kept in its own world state under <c>oracle~name</c>. An oracle
/// registers itself: the transaction's creator is the oracle identity, which the peers already validated against
/// its organization's MSP in the channel configuration; the chaincode then checks that creator certificate chains
/// to the root the transaction names. So the pinned (MSP ID, common name, root) is one the channel vouches for,
/// and attestations are later checked against it without the endorser consulting anything outside its state.</summary>
public static class OracleRegistry
{
    public const string ObjectType = "oracle";

    public static async Task<TrustedOracle> RegisterAsync(Context ctx, string name, string rootCertificatePem)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentException.ThrowIfNullOrEmpty(name);
        X509Certificate2 creator = ctx.ClientIdentity.Certificate
            ?? throw new AttestationRefusedException("an oracle registers itself with its X.509 identity; the creator has no certificate");
        DateTimeOffset at = ctx.Stub.GetTxTimestamp()
            ?? throw new AttestationRefusedException("registering an oracle needs the proposal's timestamp");
        try
        {
            string? chainError = TrustedOracle.ChainError(creator, rootCertificatePem, at);
            if (chainError is not null)
            {
                throw new AttestationRefusedException(
                    $"the root certificate given for the oracle {name} did not issue the creator's certificate ({ctx.ClientIdentity.MspId}): {chainError}");
            }
        }
        catch (CryptographicException e)
        {
            throw new AttestationRefusedException($"the root certificate given for the oracle {name} is not a PEM certificate: {e.Message}", e);
        }

        var oracle = new TrustedOracle
        {
            Name = name,
            MspId = ctx.ClientIdentity.MspId,
            CommonName = creator.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
            RootCertificatePem = rootCertificatePem,
        };
        TrustedOracle? existing = await FindAsync(ctx.Stub, name).ConfigureAwait(false);
        if (existing is not null && (existing.MspId, existing.CommonName) != (oracle.MspId, oracle.CommonName))
        {
            throw new AttestationRefusedException(
                $"the oracle name {name} belongs to {existing.CommonName} of {existing.MspId}; only that identity may register it again");
        }

        await ctx.Stub.PutStateAsync(Key(ctx.Stub, name), JsonSerializer.SerializeToUtf8Bytes(oracle)).ConfigureAwait(false);
        return oracle;
    }

    /// <exception cref="AttestationRefusedException">no oracle of that name is registered.</exception>
    public static async Task<TrustedOracle> GetAsync(IChaincodeStub stub, string name) =>
        await FindAsync(stub, name).ConfigureAwait(false)
        ?? throw new AttestationRefusedException($"no oracle named {name} is registered on this chaincode");

    public static async Task<TrustedOracle?> FindAsync(IChaincodeStub stub, string name)
    {
        ArgumentNullException.ThrowIfNull(stub);
        byte[] json = await stub.GetStateAsync(Key(stub, name)).ConfigureAwait(false);
        return json.Length == 0 ? null : JsonSerializer.Deserialize<TrustedOracle>(json);
    }

    private static string Key(IChaincodeStub stub, string name) => stub.CreateCompositeKey(ObjectType, name);
}
