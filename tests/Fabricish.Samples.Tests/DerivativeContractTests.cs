using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Chaincode.Shim.Oracles;
using Fabricish.Protos.Peer;
using Fabricish.Samples.Derivatives;

namespace Fabricish.Samples.Tests;

public sealed class DerivativeContractTests : IDisposable
{
    private static readonly DateTimeOffset Trade = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Observation1 = Trade.AddDays(1);
    private static readonly DateTimeOffset Observation2 = Trade.AddDays(2);
    private static readonly DateTimeOffset Maturity = Trade.AddDays(3);
    private static readonly string Prose = "Equity-linked note ELS-1: the seller pays the buyer ...";
    private readonly TestCa _org1 = new("Org1MSP", "org1.example.com");
    private readonly TestCa _org2 = new("Org2MSP", "org2.example.com");
    private readonly TestIdentity _buyer;
    private readonly TestIdentity _seller;
    private readonly TestIdentity _oracle;
    private readonly MemoryLedger _ledger = new(new ContractChaincode(new DerivativeContract()));

    public DerivativeContractTests()
    {
        _buyer = _org1.Issue("User1");
        _seller = _org2.Issue("User1");
        _oracle = _org1.Issue("oracle");
    }

    public void Dispose()
    {
        _org1.Dispose();
        _org2.Dispose();
    }

    [Fact]
    public async Task Settle_AtMaturity_PaysTheExactPayoffFromTheAttestedLevel()
    {
        await Agree("ELS-1");

        Response settled = await _ledger.SubmitAsync(_seller, Maturity.AddMinutes(5), "Settle", "ELS-1", Attest("KOSPI200", "385.00", Maturity));

        Derivative derivative = MemoryLedger.Payload<Derivative>(settled);
        // 1,000,000,000 × 0.8 × (385 / 350 − 1) = 80,000,000.00
        Assert.Equal((Derivative.Settled, 80_000_000.00m, false), (derivative.Status, derivative.Settlement!.Payoff, derivative.Settlement.KnockedOut));
        Assert.Equal(385.00m, derivative.Settlement.Level);
        Assert.Contains("\"payoff\":\"80000000.00\",", settled.Payload.ToStringUtf8(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settle_BelowTheStrike_PaysNothing_AndAtTheBarrier_KnocksOut()
    {
        await Agree("ELS-1");
        await Agree("ELS-2");

        Derivative below = MemoryLedger.Payload<Derivative>(
            await _ledger.SubmitAsync(_seller, Maturity.AddMinutes(5), "Settle", "ELS-1", Attest("KOSPI200", "349.99", Maturity)));
        Derivative barrier = MemoryLedger.Payload<Derivative>(
            await _ledger.SubmitAsync(_seller, Maturity.AddMinutes(5), "Settle", "ELS-2", Attest("KOSPI200", "420.00", Maturity)));

        Assert.Equal((0m, false), (below.Settlement!.Payoff, below.Settlement.KnockedOut));
        Assert.Equal((0m, true), (barrier.Settlement!.Payoff, barrier.Settlement.KnockedOut));
    }

    [Fact]
    public async Task Observations_MarkToMarket_AndPostVariationMargin()
    {
        await Agree("ELS-1");

        await _ledger.SubmitAsync(_buyer, Observation1.AddMinutes(1), "RecordObservation", "ELS-1", Attest("KOSPI200", "367.50", Observation1));
        Response second = await _ledger.SubmitAsync(_buyer, Observation2.AddMinutes(1), "RecordObservation", "ELS-1", Attest("KOSPI200", "357.00", Observation2));

        Derivative derivative = MemoryLedger.Payload<Derivative>(second);
        Assert.Equal([40_000_000m, 16_000_000m], derivative.Observations.Select(o => o.MarkToMarket));
        Assert.Equal([40_000_000m, -24_000_000m], derivative.Observations.Select(o => o.VariationMargin));
        Assert.Equal(16_000_000m, derivative.MarginPosted);
        Assert.Contains("\"margin_posted\":\"16000000.00\",", second.Payload.ToStringUtf8(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NeedsTheCounterpartysAcceptanceOfTheExactTerms()
    {
        Derivative proposed = MemoryLedger.Payload<Derivative>(await Propose("ELS-1", _buyer));

        Assert.Equal("only the counterparty Org2MSP may accept the derivative ELS-1; Org1MSP may not",
            (await _ledger.SubmitAsync(_buyer, Trade, "AcceptDerivative", "ELS-1", proposed.TermsHash)).Message);
        Assert.Equal($"the terms of ELS-1 hash to {proposed.TermsHash}, not to the accepted {new string('0', 64)}",
            (await _ledger.SubmitAsync(_seller, Trade, "AcceptDerivative", "ELS-1", new string('0', 64))).Message);
        string early = (await _ledger.SubmitAsync(_seller, Maturity, "Settle", "ELS-1", Attest("KOSPI200", "385.00", Maturity))).Message;
        Assert.Equal("the derivative ELS-1 is proposed, not active", early);
        Assert.Equal(Shim.StatusOk, (await _ledger.SubmitAsync(_seller, Trade, "AcceptDerivative", "ELS-1", proposed.TermsHash)).Status);
    }

    [Fact]
    public async Task Propose_ByAThirdFirm_IsRefused()
    {
        using var org3 = new TestCa("Org3MSP", "org3.example.com");

        Response refused = await Propose("ELS-1", org3.Issue("User1"));

        Assert.Equal("Org3MSP is neither the buyer Org1MSP nor the seller Org2MSP", refused.Message);
    }

    [Fact]
    public async Task ForgedAttestations_AreRefused()
    {
        await Agree("ELS-1");
        DateTimeOffset at = Maturity.AddMinutes(5);
        OracleAttestation genuine = OracleAttestation.Parse(Attest("KOSPI200", "385.00", Maturity));
        string altered = JsonSerializer.Serialize(new OracleAttestation
        {
            ObservationBase64 = Convert.ToBase64String(Observation("KOSPI200", "999.00", Maturity).ToUtf8Json()),
            MspId = genuine.MspId,
            CertificatePem = genuine.CertificatePem,
            SignatureBase64 = genuine.SignatureBase64,
        });
        TestIdentity impostor = _org1.Issue("User2");
        using var rogueCa = new TestCa("Org1MSP", "org1.example.com");
        TestIdentity lookalike = rogueCa.Issue("oracle");

        Assert.Equal("the attestation's signature does not verify against its certificate: forged or altered",
            (await _ledger.SubmitAsync(_seller, at, "Settle", "ELS-1", altered)).Message);
        Assert.StartsWith("the attestation is not the oracle's: the certificate is User2@org1.example.com's, not the oracle krx's",
            (await _ledger.SubmitAsync(_seller, at, "Settle", "ELS-1", Attest("KOSPI200", "385.00", Maturity, impostor))).Message, StringComparison.Ordinal);
        Assert.StartsWith("the attestation is not the oracle's: the certificate of oracle@org1.example.com does not chain to Org1MSP's root",
            (await _ledger.SubmitAsync(_seller, at, "Settle", "ELS-1", Attest("KOSPI200", "385.00", Maturity, lookalike))).Message, StringComparison.Ordinal);
        Assert.Equal(Derivative.Active, MemoryLedger.Payload<Derivative>(await _ledger.EvaluateAsync(_buyer, at, "ReadDerivative", "ELS-1")).Status);
    }

    [Fact]
    public async Task Stale_WrongSymbol_Early_AndReplayedAttestations_AreRefused()
    {
        await Agree("ELS-1");
        DateTimeOffset at = Maturity.AddHours(2);

        Assert.Equal($"the attestation is stale: observed at {Maturity:O}, more than 01:00:00 before the transaction's time {at:O}",
            (await _ledger.SubmitAsync(_seller, at, "Settle", "ELS-1", Attest("KOSPI200", "385.00", Maturity))).Message);
        Assert.Equal("the attestation is for KOSDAQ150, not KOSPI200",
            (await _ledger.SubmitAsync(_seller, at, "Settle", "ELS-1", Attest("KOSDAQ150", "1385.00", at))).Message);
        Assert.Equal($"the attestation was observed at {Maturity.AddHours(-1):O}, before the maturity date {Maturity:O} of ELS-1",
            (await _ledger.SubmitAsync(_seller, Maturity, "Settle", "ELS-1", Attest("KOSPI200", "385.00", Maturity.AddHours(-1)))).Message);

        string both = Attest("KOSPI200", "360.00", Observation2);
        Assert.Equal(Shim.StatusOk, (await _ledger.SubmitAsync(_buyer, Observation2, "RecordObservation", "ELS-1", both)).Status);
        Response replayed = await _ledger.SubmitAsync(_buyer, Observation2, "RecordObservation", "ELS-1", both);
        Assert.Matches("^the attestation [0-9a-f]{64} was already used for derivative:ELS-1 by transaction tx[0-9]+: replay refused$", replayed.Message);
    }

    [Fact]
    public async Task LegalProse_IsPartOfTheAgreedTerms_AndReadable()
    {
        Derivative proposed = MemoryLedger.Payload<Derivative>(await Propose("ELS-1", _buyer));

        var prose = MemoryLedger.Payload<Fabricish.Chaincode.Shim.Instruments.LegalProse>(
            await _ledger.EvaluateAsync(_seller, Trade, "ReadLegalProse", "ELS-1"));

        Assert.True(prose.Matches(Encoding.UTF8.GetBytes(Prose)));
        Assert.Equal("https://legal.example.com/els-1.txt", prose.Uri);
        Assert.Equal(proposed.Terms.Hash(), proposed.TermsHash);
        Assert.Contains(prose.Sha256, JsonSerializer.Serialize(proposed.Terms), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterOracle_RefusesARootThatDidNotIssueTheCaller()
    {
        Response refused = await _ledger.SubmitAsync(_oracle, Trade, "RegisterOracle", "krx", _org2.RootPem);

        Assert.StartsWith("the root certificate given for the oracle krx did not issue the creator's certificate (Org1MSP)", refused.Message, StringComparison.Ordinal);
    }

    private async Task Agree(string id)
    {
        Derivative proposed = MemoryLedger.Payload<Derivative>(await Propose(id, _buyer));
        Assert.Equal(Shim.StatusOk, (await _ledger.SubmitAsync(_seller, Trade, "AcceptDerivative", id, proposed.TermsHash)).Status);
    }

    private async Task<Response> Propose(string id, TestIdentity proposer)
    {
        if (!_ledger.State.Keys.Any(k => k.Contains("oracle\u0000krx", StringComparison.Ordinal)))
        {
            Assert.Equal(Shim.StatusOk, (await _ledger.SubmitAsync(_oracle, Trade, "RegisterOracle", "krx", _org1.RootPem)).Status);
        }

        var terms = new
        {
            id,
            buyer_msp_id = "Org1MSP",
            seller_msp_id = "Org2MSP",
            notional = 1_000_000_000m,
            currency = "KRW",
            underlying = "KOSPI200",
            strike = 350.00m,
            participation = 0.8m,
            barrier = 420.00m,
            observation_dates = new[] { Observation1, Observation2 },
            maturity = Maturity,
            oracle = "krx",
            max_attestation_age_seconds = 3600,
            legal_prose = new { uri = "https://legal.example.com/els-1.txt", sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Prose))) },
        };
        return await _ledger.SubmitAsync(proposer, Trade, "ProposeDerivative", JsonSerializer.Serialize(terms));
    }

    private string Attest(string symbol, string value, DateTimeOffset observedAt, TestIdentity? signer = null)
    {
        TestIdentity by = signer ?? _oracle;
        return OracleAttestation.Sign(Observation(symbol, value, observedAt), by.MspId, by.Certificate, by.Key).ToJson();
    }

    private static Observation Observation(string symbol, string value, DateTimeOffset observedAt) => new()
    {
        Source = "KRX",
        Symbol = symbol,
        Value = decimal.Parse(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        ObservedAt = observedAt,
    };
}
