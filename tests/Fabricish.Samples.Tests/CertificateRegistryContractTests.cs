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
    private readonly TestCa _org1 = new("Org1MSP", "org1.example.com");
    private readonly TestCa _org2 = new("Org2MSP", "org2.example.com");
    private readonly TestIdentity _firm1;
    private readonly TestIdentity _firm2;
    private readonly MemoryLedger _ledger = new(new ContractChaincode(new CertificateRegistryContract()));
    private readonly string _certificateHash = Hash("customer certificate DER");
    private readonly string _subjectHash = Hash("salt|900101-1234567");

    public CertificateRegistryContractTests()
    {
        _firm1 = _org1.Issue("User1");
        _firm2 = _org2.Issue("User1");
    }

    public void Dispose()
    {
        _org1.Dispose();
        _org2.Dispose();
    }

    [Fact]
    public async Task Register_TakesTheIssuerFromTheCreatorsMsp_AndAnotherFirmVerifiesItValid()
    {
        Response registered = await Register(_firm1);

        Assert.Equal(Shim.StatusOk, registered.Status);
        CertificateStatus status = MemoryLedger.Payload<CertificateStatus>(await _ledger.EvaluateAsync(_firm2, Now, "VerifyCertificate", _certificateHash));
        Assert.Equal((CertificateStatus.Valid, "Org1MSP"), (status.Status, status.IssuerMspId));
        Assert.Equal(Now.AddDays(-1), status.ValidFrom);
    }

    [Fact]
    public async Task State_HoldsHashesOnly()
    {
        await Register(_firm1);

        string stored = Encoding.UTF8.GetString(Assert.Single(_ledger.State).Value.Value);
        Assert.DoesNotContain("900101", stored, StringComparison.Ordinal);
        Assert.Contains(_subjectHash, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_RefusesPersonalDataInPlaceOfAHash()
    {
        Response refused = await _ledger.SubmitAsync(_firm1, Now, "RegisterCertificate", _certificateHash, "900101-1234567", Day(-1), Day(365));

        Assert.Equal(Shim.StatusError, refused.Status);
        Assert.Contains("subject id hash must be a SHA-256", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_ledger.State);
    }

    [Fact]
    public async Task Register_Twice_NamesTheFirstIssuer()
    {
        await Register(_firm1);

        Response again = await Register(_firm2);

        Assert.Equal($"the certificate {_certificateHash} is already registered by Org1MSP", again.Message);
    }

    [Fact]
    public async Task Revoke_ByAnotherFirm_IsRefused_AndByTheIssuer_ShowsRevokedWithItsTime()
    {
        await Register(_firm1);

        Response foreign = await _ledger.SubmitAsync(_firm2, Now.AddHours(1), "RevokeCertificate", _certificateHash, "lost");
        Assert.Equal($"only the issuer Org1MSP may revoke the certificate {_certificateHash}; Org2MSP may not", foreign.Message);

        Assert.Equal(Shim.StatusOk, (await _ledger.SubmitAsync(_firm1, Now.AddHours(2), "RevokeCertificate", _certificateHash, "key compromised")).Status);
        CertificateStatus status = MemoryLedger.Payload<CertificateStatus>(await _ledger.EvaluateAsync(_firm2, Now.AddHours(3), "VerifyCertificate", _certificateHash));
        Assert.Equal((CertificateStatus.Revoked, Now.AddHours(2), "key compromised"), (status.Status, status.RevokedAt, status.RevocationReason));
    }

    [Fact]
    public async Task Verify_SaysExpiredNotYetValidAndUnknown()
    {
        await Register(_firm1);

        Assert.Equal(CertificateStatus.Expired, await StatusAt(Now.AddDays(366)));
        Assert.Equal(CertificateStatus.NotYetValid, await StatusAt(Now.AddDays(-2)));
        CertificateStatus unknown = MemoryLedger.Payload<CertificateStatus>(await _ledger.EvaluateAsync(_firm2, Now, "VerifyCertificate", Hash("other")));
        Assert.Equal((CertificateStatus.Unknown, null), (unknown.Status, unknown.IssuerMspId));
    }

    [Fact]
    public async Task History_ShowsEveryState()
    {
        await Register(_firm1);
        await _ledger.SubmitAsync(_firm1, Now.AddHours(2), "RevokeCertificate", _certificateHash, "closed account");

        List<CertificateHistoryEntry> history = MemoryLedger.Payload<List<CertificateHistoryEntry>>(
            await _ledger.EvaluateAsync(_firm2, Now.AddHours(3), "GetCertificateHistory", _certificateHash));

        Assert.Equal([Now.AddHours(2), null], history.Select(h => h.Certificate!.RevokedAt));
        Assert.Equal([Now.AddHours(2), Now], history.Select(h => h.Timestamp));
    }

    private async Task<string> StatusAt(DateTimeOffset at) =>
        MemoryLedger.Payload<CertificateStatus>(await _ledger.EvaluateAsync(_firm2, at, "VerifyCertificate", _certificateHash)).Status;

    private Task<Response> Register(TestIdentity firm) =>
        _ledger.SubmitAsync(firm, Now, "RegisterCertificate", _certificateHash, _subjectHash, Day(-1), Day(365));

    private static string Day(int offset) => Now.AddDays(offset).ToString("O");

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
