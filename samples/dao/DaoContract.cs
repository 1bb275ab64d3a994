using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Protos.Ledger.Queryresult;

namespace Fabricish.Samples.Dao;

/// <summary>A DAO: members hold tokens, propose spending from the treasury, vote once each weighted by their
/// balance, and a proposal that met quorum and a majority moves the funds. A member may also leave with its share
/// (<c>Withdraw</c>, The DAO's split). The 2016 attack re-entered the split before the balance was zeroed; here a
/// transaction reads committed state and writes each key once, and validation rejects a transaction whose reads
/// changed since, so no repetition pays twice.</summary>
[Contract(Name = "Dao", Default = true, Title = "DAO treasury", Version = "1.0.0")]
public sealed class DaoContract
{
    /// <param name="membersJson">{"MSP/common name": tokens, ...}</param>
    /// <param name="quorumPercent">Share of all tokens that must vote for a proposal to pass.</param>
    [Transaction]
    public async Task Found(Context ctx, string daoId, string membersJson, long treasury, int quorumPercent)
    {
        if ((await ctx.Stub.GetStateAsync(Key(ctx, daoId, "supply"))).Length > 0)
        {
            throw new InvalidOperationException($"the DAO {daoId} is already founded");
        }

        Dictionary<string, long> members = JsonSerializer.Deserialize<Dictionary<string, long>>(membersJson)
            ?? throw new InvalidOperationException("members must be a JSON object of holder: tokens");
        if (members.Count == 0 || members.Values.Any(t => t <= 0) || treasury < 0 || quorumPercent is <= 0 or > 100)
        {
            throw new InvalidOperationException("need members with positive tokens, a treasury >= 0 and a quorum of 1..100 percent");
        }

        foreach ((string holder, long tokens) in members)
        {
            await Put(ctx, MemberKey(ctx, daoId, holder), tokens);
        }

        await Put(ctx, Key(ctx, daoId, "supply"), members.Values.Sum());
        await Put(ctx, Key(ctx, daoId, "treasury"), treasury);
        await Put(ctx, Key(ctx, daoId, "quorum"), quorumPercent);
    }

    [Transaction]
    public async Task<DaoProposal> Propose(Context ctx, string daoId, string id, string description, string recipient, long amount, string deadline)
    {
        string proposer = await Member(ctx, daoId);
        if ((await ctx.Stub.GetStateAsync(ProposalKey(ctx, daoId, id))).Length > 0)
        {
            throw new InvalidOperationException($"the proposal {id} already exists");
        }

        if (amount <= 0)
        {
            throw new InvalidOperationException("a proposal spends a positive amount");
        }

        var proposal = new DaoProposal
        {
            Id = id,
            Description = description,
            Recipient = recipient,
            Amount = amount,
            Deadline = DateTimeOffset.Parse(deadline, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
            Proposer = proposer,
        };
        await ctx.Stub.PutStateAsync(ProposalKey(ctx, daoId, id), JsonSerializer.SerializeToUtf8Bytes(proposal));
        return proposal;
    }

    /// <summary>One vote per member per proposal, weighted by the member's tokens when it votes.</summary>
    [Transaction]
    public async Task Vote(Context ctx, string daoId, string id, bool yes)
    {
        string member = await Member(ctx, daoId);
        DaoProposal proposal = await Proposal(ctx, daoId, id);
        if (Now(ctx) >= proposal.Deadline)
        {
            throw new InvalidOperationException($"voting on {id} closed at {proposal.Deadline:O}");
        }

        string key = ctx.Stub.CreateCompositeKey("vote", daoId, id, member);
        if ((await ctx.Stub.GetStateAsync(key)).Length > 0)
        {
            throw new InvalidOperationException($"{member} already voted on {id}: one vote per member");
        }

        long weight = await Get(ctx, MemberKey(ctx, daoId, member));
        await ctx.Stub.PutStateAsync(key, Encoding.UTF8.GetBytes((yes ? weight : -weight).ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>After the deadline: tallies the votes and, with quorum and more yes than no, pays the recipient.</summary>
    [Transaction]
    public async Task<DaoProposal> Execute(Context ctx, string daoId, string id)
    {
        DaoProposal proposal = await Proposal(ctx, daoId, id);
        if (proposal.Executed)
        {
            throw new InvalidOperationException($"the proposal {id} was already executed");
        }

        if (Now(ctx) < proposal.Deadline)
        {
            throw new InvalidOperationException($"voting on {id} runs until {proposal.Deadline:O}");
        }

        await using (IQueryIterator<KV> votes = await ctx.Stub.GetStateByPartialCompositeKeyAsync("vote", daoId, id))
        {
            await foreach (KV vote in votes)
            {
                long weight = long.Parse(vote.Value.ToStringUtf8(), CultureInfo.InvariantCulture);
                proposal.Yes += Math.Max(weight, 0);
                proposal.No += Math.Max(-weight, 0);
            }
        }

        long supply = await Get(ctx, Key(ctx, daoId, "supply"));
        long quorum = await Get(ctx, Key(ctx, daoId, "quorum"));
        if ((proposal.Yes + proposal.No) * 100 < supply * quorum)
        {
            throw new InvalidOperationException($"quorum not met: {proposal.Yes + proposal.No} of {supply} tokens voted, {quorum}% needed");
        }

        if (proposal.Yes <= proposal.No)
        {
            throw new InvalidOperationException($"the proposal {id} was rejected: {proposal.Yes} yes, {proposal.No} no");
        }

        await Pay(ctx, daoId, proposal.Recipient, proposal.Amount);
        proposal.Executed = true;
        await ctx.Stub.PutStateAsync(ProposalKey(ctx, daoId, id), JsonSerializer.SerializeToUtf8Bytes(proposal));
        return proposal;
    }

    /// <summary>The DAO's split: the caller leaves with its tokens' share of the treasury. Returns the amount paid.</summary>
    [Transaction]
    public async Task<long> Withdraw(Context ctx, string daoId)
    {
        string member = Holder(ctx);
        long tokens = await Get(ctx, MemberKey(ctx, daoId, member));
        if (tokens == 0)
        {
            throw new InvalidOperationException($"{member} holds no tokens");
        }

        long supply = await Get(ctx, Key(ctx, daoId, "supply"));
        long treasury = await Get(ctx, Key(ctx, daoId, "treasury"));
        long share = treasury * tokens / supply;
        // Balance and supply are written as absolute values computed from committed state, so calling this twice in
        // one transaction writes the same values twice: one share leaves.
        await Put(ctx, MemberKey(ctx, daoId, member), 0);
        await Put(ctx, Key(ctx, daoId, "supply"), supply - tokens);
        await Pay(ctx, daoId, member, share);
        return share;
    }

    [Transaction(Submit = false)]
    public Task<long> Treasury(Context ctx, string daoId) => Get(ctx, Key(ctx, daoId, "treasury"));

    [Transaction(Submit = false)]
    public Task<long> PaidTo(Context ctx, string daoId, string recipient) => Get(ctx, ctx.Stub.CreateCompositeKey("paid", daoId, recipient));

    [Transaction(Submit = false)]
    public Task<long> TokensOf(Context ctx, string daoId, string holder) => Get(ctx, MemberKey(ctx, daoId, holder));

    private static async Task Pay(Context ctx, string daoId, string recipient, long amount)
    {
        long treasury = await Get(ctx, Key(ctx, daoId, "treasury"));
        if (amount > treasury)
        {
            throw new InvalidOperationException($"the treasury holds {treasury}, less than {amount}");
        }

        string paidKey = ctx.Stub.CreateCompositeKey("paid", daoId, recipient);
        await Put(ctx, Key(ctx, daoId, "treasury"), treasury - amount);
        await Put(ctx, paidKey, await Get(ctx, paidKey) + amount);
    }

    private static async Task<string> Member(Context ctx, string daoId)
    {
        string holder = Holder(ctx);
        return await Get(ctx, MemberKey(ctx, daoId, holder)) > 0 ? holder : throw new InvalidOperationException($"{holder} holds no tokens of the DAO {daoId}");
    }

    private static async Task<DaoProposal> Proposal(Context ctx, string daoId, string id)
    {
        byte[] json = await ctx.Stub.GetStateAsync(ProposalKey(ctx, daoId, id));
        return json.Length == 0 ? throw new InvalidOperationException($"the proposal {id} does not exist") : JsonSerializer.Deserialize<DaoProposal>(json)!;
    }

    private static string ProposalKey(Context ctx, string daoId, string id) => ctx.Stub.CreateCompositeKey("proposal", daoId, id);

    private static string MemberKey(Context ctx, string daoId, string holder) => ctx.Stub.CreateCompositeKey("member", daoId, holder);

    /// <summary>One of the DAO's own values: supply, treasury, quorum.</summary>
    private static string Key(Context ctx, string daoId, string name) => ctx.Stub.CreateCompositeKey(name, daoId);

    private static string Holder(Context ctx) =>
        $"{ctx.ClientIdentity.MspId}/{ctx.ClientIdentity.Certificate?.GetNameInfo(X509NameType.SimpleName, forIssuer: false) ?? ctx.ClientIdentity.Id}";

    private static DateTimeOffset Now(Context ctx) => ctx.Stub.GetTxTimestamp() ?? throw new InvalidOperationException("the transaction has no timestamp");

    private static async Task<long> Get(Context ctx, string key)
    {
        byte[] value = await ctx.Stub.GetStateAsync(key);
        return value.Length == 0 ? 0 : long.Parse(Encoding.UTF8.GetString(value), CultureInfo.InvariantCulture);
    }

    private static Task Put(Context ctx, string key, long value) =>
        ctx.Stub.PutStateAsync(key, Encoding.UTF8.GetBytes(value.ToString(CultureInfo.InvariantCulture)));
}
