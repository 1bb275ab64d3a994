using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Protos.Peer;
using Fabricish.Samples.Dao;

namespace Fabricish.Samples.Tests;

public sealed class DaoContractTests : IDisposable
{
    private static readonly DateTimeOffset Founded = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = Founded.AddDays(3);
    private readonly TestCa _org1 = new("Org1MSP", "org1.example.com");
    private readonly TestCa _org2 = new("Org2MSP", "org2.example.com");
    private readonly TestIdentity _alice;
    private readonly TestIdentity _bob;
    private readonly TestIdentity _carol;
    private readonly MemoryLedger _ledger = new(new ContractChaincode(new DaoContract(), new ReentrantWithdrawal()));

    public DaoContractTests()
    {
        _alice = _org1.Issue("alice");
        _bob = _org2.Issue("bob");
        _carol = _org2.Issue("carol");
    }

    public void Dispose()
    {
        _org1.Dispose();
        _org2.Dispose();
    }

    [Fact]
    public async Task AProposalWithQuorumAndMajority_MovesTreasuryFunds_Once()
    {
        await Found();
        await Submit(_alice, Founded, "Propose", "d1", "p1", "audit", "Org1MSP/auditor@org1.example.com", "100000", Deadline.ToString("O"));
        await Submit(_alice, Founded, "Vote", "d1", "p1", "true");
        await Submit(_bob, Founded, "Vote", "d1", "p1", "false");

        Assert.Equal("voting on p1 runs until 2026-12-04T00:00:00.0000000+00:00", (await _ledger.SubmitAsync(_alice, Founded, "Execute", "d1", "p1")).Message);
        DaoProposal executed = MemoryLedger.Payload<DaoProposal>(await _ledger.SubmitAsync(_carol, Deadline, "Execute", "d1", "p1"));

        Assert.Equal((600, 300, true), (executed.Yes, executed.No, executed.Executed));
        Assert.Equal(900_000, await Query<long>("Treasury", "d1"));
        Assert.Equal(100_000, await Query<long>("PaidTo", "d1", "Org1MSP/auditor@org1.example.com"));
        Assert.Equal("the proposal p1 was already executed", (await _ledger.SubmitAsync(_carol, Deadline, "Execute", "d1", "p1")).Message);
    }

    [Fact]
    public async Task ADoubleVote_IsRefused()
    {
        await Found();
        await Submit(_alice, Founded, "Propose", "d1", "p1", "audit", "x", "1", Deadline.ToString("O"));
        await Submit(_bob, Founded, "Vote", "d1", "p1", "true");

        Response again = await _ledger.SubmitAsync(_bob, Founded, "Vote", "d1", "p1", "false");

        Assert.Equal("Org2MSP/bob@org2.example.com already voted on p1: one vote per member", again.Message);
    }

    [Fact]
    public async Task WithoutQuorum_NothingMoves()
    {
        await Found();
        await Submit(_alice, Founded, "Propose", "d1", "p1", "audit", "x", "1", Deadline.ToString("O"));
        await Submit(_carol, Founded, "Vote", "d1", "p1", "true");

        Response refused = await _ledger.SubmitAsync(_alice, Deadline, "Execute", "d1", "p1");

        Assert.Equal("quorum not met: 100 of 1000 tokens voted, 50% needed", refused.Message);
        Assert.Equal(1_000_000, await Query<long>("Treasury", "d1"));
    }

    /// <summary>The 2016 DAO attack: split/withdraw called again before the balance is updated.</summary>
    [Fact]
    public async Task TheReentrancyAttack_FailsToDrain()
    {
        await Found();

        // Called again within the same transaction (the re-entrant call): reads see committed state and each key is
        // written once, so the second call writes the same values: it claims two shares, one leaves.
        Response reentered = await _ledger.SubmitAsync(_carol, Founded, "Attacker:Attack", "d1");
        Assert.Equal(200_000, MemoryLedger.Payload<long>(reentered));
        Assert.Equal(100_000, await Query<long>("PaidTo", "d1", "Org2MSP/carol@org2.example.com"));
        Assert.Equal(900_000, await Query<long>("Treasury", "d1"));

        // Two withdrawals in the same block: both simulated on the same state, the second fails MVCC validation.
        MemoryStub first = await _ledger.SimulateAsync(_bob, Founded, "Withdraw", "d1");
        MemoryStub second = await _ledger.SimulateAsync(_bob, Founded, "Withdraw", "d1");
        Assert.True(_ledger.TryCommit(first, out _));
        Assert.False(_ledger.TryCommit(second, out string? conflict));
        Assert.StartsWith("MVCC_READ_CONFLICT", conflict, StringComparison.Ordinal);

        // A repeated call in a later block sees the updated balance. Bob's share: 900,000 × 300 / 900.
        Assert.Equal("Org2MSP/bob@org2.example.com holds no tokens", (await _ledger.SubmitAsync(_bob, Founded, "Withdraw", "d1")).Message);
        Assert.Equal("Org2MSP/carol@org2.example.com holds no tokens", (await _ledger.SubmitAsync(_carol, Founded, "Withdraw", "d1")).Message);
        Assert.Equal(300_000, await Query<long>("PaidTo", "d1", "Org2MSP/bob@org2.example.com"));
        Assert.Equal(600_000, await Query<long>("Treasury", "d1"));
    }

    private async Task Found()
    {
        string members = """{"Org1MSP/alice@org1.example.com":600,"Org2MSP/bob@org2.example.com":300,"Org2MSP/carol@org2.example.com":100}""";
        await Submit(_alice, Founded, "Found", "d1", members, "1000000", "50");
    }

    private async Task Submit(TestIdentity who, DateTimeOffset at, params string[] args)
    {
        Response response = await _ledger.SubmitAsync(who, at, args);
        Assert.True(response.Status == Shim.StatusOk, response.Message);
    }

    private async Task<T> Query<T>(params string[] args) => MemoryLedger.Payload<T>(await _ledger.EvaluateAsync(_alice, Deadline, args));

    /// <summary>What the 2016 attacker's fallback did: withdraw again inside the withdrawal.</summary>
    [Contract(Name = "Attacker")]
    public sealed class ReentrantWithdrawal
    {
        private readonly DaoContract _dao = new();

        [Transaction]
        public async Task<long> Attack(Context ctx, string daoId) => await _dao.Withdraw(ctx, daoId) + await _dao.Withdraw(ctx, daoId);
    }
}
