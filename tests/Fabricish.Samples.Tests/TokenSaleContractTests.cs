using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Protos.Peer;
using Fabricish.Samples.TokenSale;

namespace Fabricish.Samples.Tests;

public sealed class TokenSaleContractTests : IDisposable
{
    private static readonly DateTimeOffset Opens = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset During = Opens.AddHours(1);
    private static readonly DateTimeOffset Closes = Opens.AddDays(7);
    private readonly TestCa _org1 = new("Org1MSP", "org1.example.com");
    private readonly TestCa _org2 = new("Org2MSP", "org2.example.com");
    private readonly TestIdentity _issuer;
    private readonly MemoryLedger _ledger = new(new ContractChaincode(new TokenSaleContract()));

    public TokenSaleContractTests() => _issuer = _org1.Issue("Admin");

    public void Dispose()
    {
        _org1.Dispose();
        _org2.Dispose();
    }

    [Fact]
    public async Task FiftyConcurrentBuyers_NeverExceedTheCap_AndEveryRefusalSaysWhy()
    {
        await Open(hardCap: 1000, softGoal: 500, shards: 10);
        List<TestIdentity> buyers = [.. Enumerable.Range(1, 50).Select(i => (i % 2 == 0 ? _org1 : _org2).Issue($"buyer{i}"))];
        var refusals = new Dictionary<string, string>();
        var pending = new List<TestIdentity>(buyers);
        int blocks = 0;
        while (pending.Count > 0)
        {
            // One block: every pending buyer simulates against the same committed state, then the block commits in order.
            blocks++;
            MemoryStub[] simulations = await Task.WhenAll(pending.Select(b => _ledger.SimulateAsync(b, During, "Buy", "s1", "30")));
            var retry = new List<TestIdentity>();
            for (int i = 0; i < simulations.Length; i++)
            {
                Response response = simulations[i].Response!;
                if (response.Status != Shim.StatusOk)
                {
                    refusals[pending[i].Certificate.Subject] = response.Message;
                }
                else if (!_ledger.TryCommit(simulations[i], out string? conflict))
                {
                    Assert.StartsWith("MVCC_READ_CONFLICT", conflict, StringComparison.Ordinal);
                    retry.Add(pending[i]);
                }
            }

            pending = retry;
        }

        long sold = MemoryLedger.Payload<long>(await _ledger.EvaluateAsync(_issuer, During, "TotalSold", "s1"));
        // Ten counters of 100: three purchases of 30 fit in each.
        Assert.Equal(900, sold);
        Assert.Equal(20, refusals.Count);
        Assert.All(refusals.Values, m => Assert.Equal("only 100 TOK remain below the hard cap of 1000, at most 10 in one purchase; 30 asked", m));
        Assert.True(blocks < 20, $"{blocks} blocks: buyers collided on most purchases");
    }

    [Fact]
    public async Task SoldOut_IsRefusedWithTheCap()
    {
        await Open(hardCap: 100, softGoal: 50, shards: 2);
        Assert.Equal(Shim.StatusOk, (await _ledger.SubmitAsync(_org1.Issue("a"), During, "Buy", "s1", "50")).Status);
        Assert.Equal(Shim.StatusOk, (await _ledger.SubmitAsync(_org2.Issue("b"), During, "Buy", "s1", "50")).Status);

        Response refused = await _ledger.SubmitAsync(_org2.Issue("c"), During, "Buy", "s1", "1");

        Assert.Equal("sold out: the hard cap of 100 TOK is reached", refused.Message);
    }

    [Fact]
    public async Task OutsideTheWindow_BuyingIsRefused()
    {
        await Open(hardCap: 100, softGoal: 50, shards: 2);

        Response early = await _ledger.SubmitAsync(_org2.Issue("a"), Opens.AddSeconds(-1), "Buy", "s1", "1");

        Assert.StartsWith("the sale is open from 2026-12-01T00:00:00.0000000+00:00 until", early.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoalMissed_BuyersAreRefunded_AndTheirTokensBurnt()
    {
        await Open(hardCap: 1000, softGoal: 500, shards: 4);
        TestIdentity buyer = _org2.Issue("buyer");
        await _ledger.SubmitAsync(buyer, During, "Buy", "s1", "40");
        await _ledger.SubmitAsync(buyer, During, "Buy", "s1", "60");

        Assert.Equal("refunds start when the sale closes at 2026-12-08T00:00:00.0000000+00:00",
            (await _ledger.SubmitAsync(buyer, During, "Refund", "s1")).Message);
        Response refund = await _ledger.SubmitAsync(buyer, Closes, "Refund", "s1");

        Assert.Equal(100 * 1500, MemoryLedger.Payload<long>(refund));
        Assert.Equal(0, MemoryLedger.Payload<long>(await _ledger.EvaluateAsync(buyer, Closes, "BalanceOf", "s1", "Org2MSP/buyer@org2.example.com")));
        Assert.Equal("Org2MSP/buyer@org2.example.com has nothing to refund", (await _ledger.SubmitAsync(buyer, Closes, "Refund", "s1")).Message);
    }

    [Fact]
    public async Task GoalReached_NoRefunds_AndTokensTransfer()
    {
        await Open(hardCap: 1000, softGoal: 100, shards: 4);
        TestIdentity buyer = _org2.Issue("buyer");
        await _ledger.SubmitAsync(buyer, During, "Buy", "s1", "150");

        Assert.StartsWith("TOK moves only after the sale closed", (await _ledger.SubmitAsync(buyer, During, "Transfer", "s1", "Org1MSP/friend@org1.example.com", "10")).Message, StringComparison.Ordinal);
        Assert.Equal("the sale reached its soft goal (150 of 100 TOK sold): no refunds", (await _ledger.SubmitAsync(buyer, Closes, "Refund", "s1")).Message);
        Assert.Equal(Shim.StatusOk, (await _ledger.SubmitAsync(buyer, Closes, "Transfer", "s1", "Org1MSP/friend@org1.example.com", "10")).Status);
        Assert.Equal("Org2MSP/buyer@org2.example.com holds 140 TOK, fewer than 141",
            (await _ledger.SubmitAsync(buyer, Closes, "Transfer", "s1", "Org1MSP/friend@org1.example.com", "141")).Message);

        Assert.Equal(10, MemoryLedger.Payload<long>(await _ledger.EvaluateAsync(buyer, Closes, "BalanceOf", "s1", "Org1MSP/friend@org1.example.com")));
    }

    private async Task Open(long hardCap, long softGoal, int shards)
    {
        Response opened = await _ledger.SubmitAsync(_issuer, Opens, "OpenSale", "s1", "TOK", "1000000", "1500", hardCap.ToString(System.Globalization.CultureInfo.InvariantCulture),
            softGoal.ToString(System.Globalization.CultureInfo.InvariantCulture), Opens.ToString("O"), Closes.ToString("O"), shards.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(opened.Status == Shim.StatusOk, opened.Message);
    }
}
