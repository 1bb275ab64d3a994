using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Protos.Ledger.Queryresult;

namespace Fabricish.Samples.TokenSale;

/// <summary>A crowd sale of a fixed-supply token. Many buyers buy at once, so no purchase writes a key another
/// buyer's purchase writes: each has its own purchase and balance keys, and the sold amount is split over counters
/// (<c>sold~sale~i</c>), each capped at its share of the hard cap. A buyer starts at the counter its identity hashes to;
/// two buyers conflict (MVCC, one is told to retry) only when they meet on a counter in the same block, and the cap
/// holds because no counter exceeds its share.</summary>
[Contract(Name = "TokenSale", Default = true, Title = "Crowd token sale", Version = "1.0.0")]
public sealed class TokenSaleContract
{
        [Transaction]
    public async Task<SaleTerms> OpenSale(Context ctx, string saleId, string symbol, long supply, long price, long hardCap, long softGoal, string opens, string closes, int shards)
    {
        if ((await ctx.Stub.GetStateAsync(SaleKey(ctx, saleId))).Length > 0)
        {
            throw new InvalidOperationException($"the sale {saleId} is already open; its terms never change");
        }

        if (supply <= 0 || price <= 0 || shards <= 0 || hardCap <= 0 || hardCap > supply || softGoal > hardCap || hardCap < shards)
        {
            throw new InvalidOperationException("need 0 < hard cap <= supply, soft goal <= hard cap, a positive price and 1..hard cap counters");
        }

        var terms = new SaleTerms
        {
            Id = saleId,
            IssuerMspId = ctx.ClientIdentity.MspId,
            Symbol = symbol,
            Supply = supply,
            Price = price,
            HardCap = hardCap,
            SoftGoal = softGoal,
            Opens = Time(opens, nameof(opens)),
            Closes = Time(closes, nameof(closes)),
            Shards = shards,
        };
        await ctx.Stub.PutStateAsync(SaleKey(ctx, saleId), JsonSerializer.SerializeToUtf8Bytes(terms));
        return terms;
    }

    /// <returns>The purchase; the buyer pays <c>paid</c> off chain quoting its transaction id.</returns>
    [Transaction]
    public async Task<Purchase> Buy(Context ctx, string saleId, long tokens)
    {
        SaleTerms sale = await Sale(ctx, saleId);
        DateTimeOffset now = Now(ctx);
        if (now < sale.Opens || now >= sale.Closes)
        {
            throw new InvalidOperationException($"the sale is open from {sale.Opens:O} until {sale.Closes:O}, not at {now:O}");
        }

        if (tokens <= 0)
        {
            throw new InvalidOperationException("buy at least one token");
        }

        string buyer = Holder(ctx);
        int start = (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(buyer)), 0) % (uint)sale.Shards);
        long remaining = 0;
        long largest = 0;
        for (int i = 0; i < sale.Shards; i++)
        {
            int shard = (start + i) % sale.Shards;
            long sold = await Sold(ctx, sale, shard);
            long room = sale.ShardCap(shard) - sold;
            remaining += room;
            largest = Math.Max(largest, room);
            if (room < tokens)
            {
                continue;
            }

            await ctx.Stub.PutStateAsync(ShardKey(ctx, sale, shard), Encoding.UTF8.GetBytes((sold + tokens).ToString(CultureInfo.InvariantCulture)));
            var purchase = new Purchase { Buyer = buyer, Tokens = tokens, Paid = tokens * sale.Price, Shard = shard, TxId = ctx.Stub.GetTxId() };
            await ctx.Stub.PutStateAsync(ctx.Stub.CreateCompositeKey("purchase", sale.Id, buyer, purchase.TxId), JsonSerializer.SerializeToUtf8Bytes(purchase));
            await AddBalance(ctx, sale, buyer, tokens);
            return purchase;
        }

        throw new InvalidOperationException(remaining == 0
            ? $"sold out: the hard cap of {sale.HardCap} {sale.Symbol} is reached"
            : $"only {remaining} {sale.Symbol} remain below the hard cap of {sale.HardCap}, at most {largest} in one purchase; {tokens} asked");
    }

    /// <summary>After the sale closed short of its soft goal: the caller's purchases are refunded and their tokens
    /// burnt. Returns the amount to repay.</summary>
    [Transaction]
    public async Task<long> Refund(Context ctx, string saleId)
    {
        SaleTerms sale = await Sale(ctx, saleId);
        if (Now(ctx) < sale.Closes)
        {
            throw new InvalidOperationException($"refunds start when the sale closes at {sale.Closes:O}");
        }

        long total = await TotalSold(ctx, sale);
        if (total >= sale.SoftGoal)
        {
            throw new InvalidOperationException($"the sale reached its soft goal ({total} of {sale.SoftGoal} {sale.Symbol} sold): no refunds");
        }

        string buyer = Holder(ctx);
        long refunded = 0;
        long tokens = 0;
        var purchases = new List<(string Key, Purchase Purchase)>();
        await using (IQueryIterator<KV> results = await ctx.Stub.GetStateByPartialCompositeKeyAsync("purchase", sale.Id, buyer))
        {
            await foreach (KV kv in results)
            {
                purchases.Add((kv.Key, JsonSerializer.Deserialize<Purchase>(kv.Value.Span)!));
            }
        }

        foreach ((string key, Purchase purchase) in purchases.Where(p => !p.Purchase.Refunded))
        {
            purchase.Refunded = true;
            refunded += purchase.Paid;
            tokens += purchase.Tokens;
            await ctx.Stub.PutStateAsync(key, JsonSerializer.SerializeToUtf8Bytes(purchase));
        }

        if (tokens == 0)
        {
            throw new InvalidOperationException($"{buyer} has nothing to refund");
        }

        await AddBalance(ctx, sale, buyer, -tokens);
        return refunded;
    }

    /// <summary>Tokens move only once the sale closed having reached its goal: before, a refund could still take back
    /// tokens the buyer no longer holds.</summary>
    [Transaction]
    public async Task Transfer(Context ctx, string saleId, string to, long tokens)
    {
        SaleTerms sale = await Sale(ctx, saleId);
        long total = await TotalSold(ctx, sale);
        if (Now(ctx) < sale.Closes || total < sale.SoftGoal)
        {
            throw new InvalidOperationException($"{sale.Symbol} moves only after the sale closed at {sale.Closes:O} having reached its soft goal of {sale.SoftGoal}");
        }

        string from = Holder(ctx);
        if (tokens <= 0 || to == from)
        {
            throw new InvalidOperationException("transfer a positive amount to another holder");
        }

        long balance = await Balance(ctx, sale, from);
        if (balance < tokens)
        {
            throw new InvalidOperationException($"{from} holds {balance} {sale.Symbol}, fewer than {tokens}");
        }

        await AddBalance(ctx, sale, from, -tokens);
        await AddBalance(ctx, sale, to, tokens);
    }

    [Transaction(Submit = false)]
    public async Task<long> BalanceOf(Context ctx, string saleId, string holder) => await Balance(ctx, await Sale(ctx, saleId), holder);

    /// <summary>The caller's holder name, <c>MSP ID/common name</c>, as balances and transfers use it.</summary>
    [Transaction(Submit = false)]
    public string WhoAmI(Context ctx) => Holder(ctx);

    [Transaction(Submit = false)]
    public async Task<long> TotalSold(Context ctx, string saleId) => await TotalSold(ctx, await Sale(ctx, saleId));

    private static async Task<long> TotalSold(Context ctx, SaleTerms sale)
    {
        long total = 0;
        for (int shard = 0; shard < sale.Shards; shard++)
        {
            total += await Sold(ctx, sale, shard);
        }

        return total;
    }

    private static async Task<long> Sold(Context ctx, SaleTerms sale, int shard)
    {
        byte[] value = await ctx.Stub.GetStateAsync(ShardKey(ctx, sale, shard));
        return value.Length == 0 ? 0 : long.Parse(Encoding.UTF8.GetString(value), CultureInfo.InvariantCulture);
    }

    private static string ShardKey(Context ctx, SaleTerms sale, int shard) =>
        ctx.Stub.CreateCompositeKey("sold", sale.Id, shard.ToString(CultureInfo.InvariantCulture));

    private static string SaleKey(Context ctx, string saleId) => ctx.Stub.CreateCompositeKey("sale", saleId);

    private static async Task<long> Balance(Context ctx, SaleTerms sale, string holder)
    {
        byte[] value = await ctx.Stub.GetStateAsync(ctx.Stub.CreateCompositeKey("balance", sale.Id, holder));
        return value.Length == 0 ? 0 : long.Parse(Encoding.UTF8.GetString(value), CultureInfo.InvariantCulture);
    }

    private static async Task AddBalance(Context ctx, SaleTerms sale, string holder, long delta)
    {
        long balance = await Balance(ctx, sale, holder) + delta;
        await ctx.Stub.PutStateAsync(ctx.Stub.CreateCompositeKey("balance", sale.Id, holder), Encoding.UTF8.GetBytes(balance.ToString(CultureInfo.InvariantCulture)));
    }

    private static async Task<SaleTerms> Sale(Context ctx, string saleId)
    {
        byte[] json = await ctx.Stub.GetStateAsync(SaleKey(ctx, saleId));
        return json.Length == 0 ? throw new InvalidOperationException($"no sale {saleId} is open") : JsonSerializer.Deserialize<SaleTerms>(json)!;
    }

    private static string Holder(Context ctx) =>
        $"{ctx.ClientIdentity.MspId}/{ctx.ClientIdentity.Certificate?.GetNameInfo(X509NameType.SimpleName, forIssuer: false) ?? ctx.ClientIdentity.Id}";

    private static DateTimeOffset Now(Context ctx) =>
        ctx.Stub.GetTxTimestamp() ?? throw new InvalidOperationException("the transaction has no timestamp");

    private static DateTimeOffset Time(string value, string name) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time)
            ? time.ToUniversalTime()
            : throw new InvalidOperationException($"{name} '{value}' is not an ISO 8601 time");
}
