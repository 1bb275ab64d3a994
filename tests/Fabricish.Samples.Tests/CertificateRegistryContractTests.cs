using System.Security.Cryptography;
using System.Text;
using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Protos.Peer;
using Fabricish.Samples.Certificates;

namespace Fabricish.Samples.Tests;

public sealed class CertificateRegistryContractTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly TestCa org1 = new("Org1MSP", "org1.example.com");
    private readonly TestCa org2 = new("Org2MSP", "org2.example.com");
    private readonly TestIdentity firm1;
    private readonly TestIdentity firm2;
    private readonly MemoryLedger ledger = new(new ContractChaincode(new CertificateRegistryContract()));
    private readonly string certificateHash = Hash("customer certificate DER");
    private readonly string subjectHash = Hash("salt|900101-1234567");

    public CertificateRegistryContractTests()
    {
        firm1 = org1.Issue("User1");
        firm2 = org2.Issue("User1");
    }

    public void Dispose()
    {
        org1.Dispose();
        org2.Dispose();
    }

    [Fact]
    public async Task Register_TakesTheIssuerFromTheCreatorsMsp_AndAnotherFirmVerifiesItValid()
    {
        Response registered = await Register(firm1);

        Assert.Equal(Shim.StatusOk, registered.Status);
        CertificateStatus status = MemoryLedger.Payload<CertificateStatus>(await ledger.EvaluateAsync(firm2, Now, "VerifyCertificate", certificateHash));
        Assert.Equal((CertificateStatus.Valid, "Org1MSP"), (status.Status, status.IssuerMspId));
        Assert.Equal(Now.AddDays(-1), status.ValidFrom);
    }

    [Fact]
    public async Task State_HoldsHashesOnly()
    {
        await Register(firm1);

        string stored = Encoding.UTF8.GetString(Assert.Single(ledger.State).Value.Value);
        Assert.DoesNotContain("900101", stored, StringComparison.Ordinal);
        Assert.Contains(subjectHash, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_RefusesPersonalDataInPlaceOfAHash()
    {
        Response refused = await ledger.SubmitAsync(firm1, Now, "RegisterCertificate", certificateHash, "900101-1234567", Day(-1), Day(365));

        Assert.Equal(Shim.StatusError, refused.Status);
        Assert.Contains("subject id hash must be a SHA-256", refused.Message, StringComparison.Ordinal);
        Assert.Empty(ledger.State);
    }

    [Fact]
    public async Task Register_Twice_NamesTheFirstIssuer()
    {
        await Register(firm1);

        Response again = await Register(firm2);

        Assert.Equal($"the certificate {certificateHash} is already registered by Org1MSP", again.Message);
    }

    [Fact]
    public async Task Revoke_ByAnotherFirm_IsRefused_AndByTheIssuer_ShowsRevokedWithItsTime()
    {
        await Register(firm1);

        Response foreign = await ledger.SubmitAsync(firm2, Now.AddHours(1), "RevokeCertificate", certificateHash, "lost");
        Assert.Equal($"only the issuer Org1MSP may revoke the certificate {certificateHash}; Org2MSP may not", foreign.Message);

        Assert.Equal(Shim.StatusOk, (await ledger.SubmitAsync(firm1, Now.AddHours(2), "RevokeCertificate", certificateHash, "key compromised")).Status);
        CertificateStatus status = MemoryLedger.Payload<CertificateStatus>(await ledger.EvaluateAsync(firm2, Now.AddHours(3), "VerifyCertificate", certificateHash));
        Assert.Equal((CertificateStatus.Revoked, Now.AddHours(2), "key compromised"), (status.Status, status.RevokedAt, status.RevocationReason));
    }

    [Fact]
    public async Task Verify_SaysExpiredNotYetValidAndUnknown()
    {
        await Register(firm1);

        Assert.Equal(CertificateStatus.Expired, await StatusAt(Now.AddDays(366)));
        Assert.Equal(CertificateStatus.NotYetValid, await StatusAt(Now.AddDays(-2)));
        CertificateStatus unknown = MemoryLedger.Payload<CertificateStatus>(await ledger.EvaluateAsync(firm2, Now, "VerifyCertificate", Hash("other")));
        Assert.Equal((CertificateStatus.Unknown, null), (unknown.Status, unknown.IssuerMspId));
    }

    [Fact]
    public async Task History_ShowsEveryState()
    {
        await Register(firm1);
        await ledger.SubmitAsync(firm1, Now.AddHours(2), "RevokeCertificate", certificateHash, "closed account");

        List<CertificateHistoryEntry> history = MemoryLedger.Payload<List<CertificateHistoryEntry>>(
            await ledger.EvaluateAsync(firm2, Now.AddHours(3), "GetCertificateHistory", certificateHash));

        Assert.Equal([Now.AddHours(2), null], history.Select(h => h.Certificate!.RevokedAt));
        Assert.Equal([Now.AddHours(2), Now], history.Select(h => h.Timestamp));
    }

    private async Task<string> StatusAt(DateTimeOffset at) =>
        MemoryLedger.Payload<CertificateStatus>(await ledger.EvaluateAsync(firm2, at, "VerifyCertificate", certificateHash)).Status;

    private Task<Response> Register(TestIdentity firm) =>
        ledger.SubmitAsync(firm, Now, "RegisterCertificate", certificateHash, subjectHash, Day(-1), Day(365));

    private static string Day(int offset) => Now.AddDays(offset).ToString("O");

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
