using System.Globalization;
using System.Text.Json;
using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Protos.Ledger.Queryresult;

namespace Fabricish.Samples.Certificates;

/// <summary>The financial-investment industry's joint certification: a member firm registers its customer's
/// certificate, any member verifies a certificate another firm's customer presents, only the issuing firm
/// revokes. The issuer is always the creator's MSP, so with an endorsement policy that needs every firm's peer
/// (each recomputes the write set from the signed creator) no firm can issue or revoke in another's name.</summary>
[Contract(Name = "CertificateRegistry", Default = true, Title = "Joint certificate registry", Version = "1.0.0")]
public sealed class CertificateRegistryContract
{
    private const string ObjectType = "cert";

    /// <param name="certificateHash">SHA-256 (hex) of the customer's certificate or public key.</param>
    /// <param name="subjectIdHash">SHA-256 (hex) of the customer's identifier, salted by the firm.</param>
    /// <param name="validFrom">ISO 8601 start of validity.</param>
    /// <param name="validUntil">ISO 8601 end of validity.</param>
    [Transaction]
    public async Task<CustomerCertificate> RegisterCertificate(Context ctx, string certificateHash, string subjectIdHash, string validFrom, string validUntil)
    {
        RequireSha256(certificateHash, "certificate hash");
        RequireSha256(subjectIdHash, "subject id hash");
        DateTimeOffset from = ParseTime(validFrom, "validFrom");
        DateTimeOffset until = ParseTime(validUntil, "validUntil");
        if (until <= from)
        {
            throw new InvalidOperationException($"validUntil {until:O} must come after validFrom {from:O}");
        }

        string key = Key(ctx, certificateHash);
        byte[] existing = await ctx.Stub.GetStateAsync(key);
        if (existing.Length > 0)
        {
            CustomerCertificate other = JsonSerializer.Deserialize<CustomerCertificate>(existing)!;
            throw new InvalidOperationException($"the certificate {certificateHash.ToLowerInvariant()} is already registered by {other.IssuerMspId}");
        }

        var certificate = new CustomerCertificate
        {
            CertificateHash = certificateHash.ToLowerInvariant(),
            SubjectIdHash = subjectIdHash.ToLowerInvariant(),
            IssuerMspId = ctx.ClientIdentity.MspId,
            ValidFrom = from,
            ValidUntil = until,
            RegisteredAt = TxTime(ctx),
        };
        await Save(ctx, key, certificate, nameof(RegisterCertificate));
        return certificate;
    }

    /// <summary>The status at the query's time; an unknown hash is an answer ("unknown"), not an error.</summary>
    [Transaction(Submit = false)]
    public async Task<CertificateStatus> VerifyCertificate(Context ctx, string certificateHash)
    {
        RequireSha256(certificateHash, "certificate hash");
        byte[] json = await ctx.Stub.GetStateAsync(Key(ctx, certificateHash));
        if (json.Length == 0)
        {
            return new CertificateStatus { CertificateHash = certificateHash.ToLowerInvariant(), Status = CertificateStatus.Unknown };
        }

        CustomerCertificate certificate = JsonSerializer.Deserialize<CustomerCertificate>(json)!;
        DateTimeOffset now = TxTime(ctx);
        string status = certificate.RevokedAt is not null ? CertificateStatus.Revoked
            : now < certificate.ValidFrom ? CertificateStatus.NotYetValid
            : now >= certificate.ValidUntil ? CertificateStatus.Expired
            : CertificateStatus.Valid;
        return new CertificateStatus
        {
            CertificateHash = certificate.CertificateHash,
            Status = status,
            IssuerMspId = certificate.IssuerMspId,
            ValidFrom = certificate.ValidFrom,
            ValidUntil = certificate.ValidUntil,
            RevokedAt = certificate.RevokedAt,
            RevocationReason = certificate.RevocationReason,
        };
    }

    [Transaction]
    public async Task<CustomerCertificate> RevokeCertificate(Context ctx, string certificateHash, string reason)
    {
        RequireSha256(certificateHash, "certificate hash");
        string key = Key(ctx, certificateHash);
        byte[] json = await ctx.Stub.GetStateAsync(key);
        if (json.Length == 0)
        {
            throw new InvalidOperationException($"the certificate {certificateHash.ToLowerInvariant()} is not registered");
        }

        CustomerCertificate certificate = JsonSerializer.Deserialize<CustomerCertificate>(json)!;
        if (certificate.IssuerMspId != ctx.ClientIdentity.MspId)
        {
            throw new InvalidOperationException(
                $"only the issuer {certificate.IssuerMspId} may revoke the certificate {certificate.CertificateHash}; {ctx.ClientIdentity.MspId} may not");
        }

        if (certificate.RevokedAt is not null)
        {
            throw new InvalidOperationException($"the certificate {certificate.CertificateHash} was already revoked at {certificate.RevokedAt:O}");
        }

        certificate.RevokedAt = TxTime(ctx);
        certificate.RevocationReason = reason;
        await Save(ctx, key, certificate, nameof(RevokeCertificate));
        return certificate;
    }

    /// <summary>Every committed state of the certificate's record, newest first as the peer's history index returns them.</summary>
    [Transaction(Submit = false)]
    public async Task<List<CertificateHistoryEntry>> GetCertificateHistory(Context ctx, string certificateHash)
    {
        RequireSha256(certificateHash, "certificate hash");
        var history = new List<CertificateHistoryEntry>();
        await using IQueryIterator<KeyModification> modifications = await ctx.Stub.GetHistoryForKeyAsync(Key(ctx, certificateHash));
        await foreach (KeyModification modification in modifications)
        {
            history.Add(new CertificateHistoryEntry
            {
                TxId = modification.TxId,
                Timestamp = modification.Timestamp?.ToDateTimeOffset(),
                Certificate = modification.IsDelete ? null : JsonSerializer.Deserialize<CustomerCertificate>(modification.Value.Span),
            });
        }

        return history;
    }

    private static string Key(Context ctx, string certificateHash) => ctx.Stub.CreateCompositeKey(ObjectType, certificateHash.ToLowerInvariant());

    private static DateTimeOffset TxTime(Context ctx) =>
        ctx.Stub.GetTxTimestamp() ?? throw new InvalidOperationException("the transaction has no timestamp (no signed proposal)");

    private static Task Save(Context ctx, string key, CustomerCertificate certificate, string eventName)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(certificate);
        ctx.Stub.SetEvent(eventName, json);
        return ctx.Stub.PutStateAsync(key, json);
    }

    private static void RequireSha256(string value, string what)
    {
        if (value is not { Length: 64 } || !value.All(Uri.IsHexDigit))
        {
            throw new InvalidOperationException($"the {what} must be a SHA-256 in hex (64 digits), not '{value}': no personal data goes on chain");
        }
    }

    private static DateTimeOffset ParseTime(string value, string name) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time)
            ? time.ToUniversalTime()
            : throw new InvalidOperationException($"{name} '{value}' is not an ISO 8601 time");
}
