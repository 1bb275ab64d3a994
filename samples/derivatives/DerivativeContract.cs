using System.Text.Json;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Chaincode.Shim.Instruments;
using Fabricish.Chaincode.Shim.Oracles;

namespace Fabricish.Samples.Derivatives;

/// <summary>An equity-linked OTC derivative between two member firms. Both sign: the proposer's client proposes the
/// terms, the counterparty's client accepts their hash, and the endorsement policy needs both organizations' peers.
/// Levels come only from attestations of the oracle the terms name, verified by every endorser from the
/// transaction alone; no function takes a level a client types in.</summary>
[Contract(Name = "Derivatives", Default = true, Title = "Equity-linked OTC derivatives", Version = "1.0.0")]
public sealed class DerivativeContract
{
    private const string ObjectType = "derivative";

    /// <summary>The caller registers itself as the oracle <paramref name="name"/>; see <see cref="OracleRegistry"/>.</summary>
    /// <param name="rootCertificatePem">The root certificate of the caller's organization's CA.</param>
    [Transaction]
    public async Task<TrustedOracle> RegisterOracle(Context ctx, string name, string rootCertificatePem) =>
        await OracleRegistry.RegisterAsync(ctx, name, rootCertificatePem);

    [Transaction(Submit = false)]
    public async Task<TrustedOracle> ReadOracle(Context ctx, string name) => await OracleRegistry.GetAsync(ctx.Stub, name);

    /// <param name="termsJson">The <see cref="DerivativeTerms"/> as JSON; the caller must be the buyer or the seller.</param>
    [Transaction]
    public async Task<Derivative> ProposeDerivative(Context ctx, string termsJson)
    {
        DerivativeTerms terms;
        try
        {
            terms = JsonSerializer.Deserialize<DerivativeTerms>(termsJson)
                ?? throw new InvalidOperationException("the terms are empty");
            terms = Normalized(terms);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidOperationException($"the terms are not valid derivative terms: {e.Message}", e);
        }

        string? problem = terms.Problem();
        if (problem is not null)
        {
            throw new InvalidOperationException(problem);
        }

        string caller = ctx.ClientIdentity.MspId;
        if (caller != terms.BuyerMspId && caller != terms.SellerMspId)
        {
            throw new InvalidOperationException($"{caller} is neither the buyer {terms.BuyerMspId} nor the seller {terms.SellerMspId}");
        }

        if ((await ctx.Stub.GetStateAsync(Key(ctx, terms.Id))).Length > 0)
        {
            throw new InvalidOperationException($"the derivative {terms.Id} already exists");
        }

        // The oracle must exist now, so a typo fails at proposal rather than at maturity.
        await OracleRegistry.GetAsync(ctx.Stub, terms.Oracle);
        var derivative = new Derivative { Terms = terms, TermsHash = terms.Hash(), Status = Derivative.Proposed, ProposedBy = caller };
        await Save(ctx, derivative, nameof(ProposeDerivative));
        return derivative;
    }

    /// <param name="termsHash">The hash of the terms the counterparty read (<c>terms_hash</c> of ReadDerivative).</param>
    [Transaction]
    public async Task<Derivative> AcceptDerivative(Context ctx, string id, string termsHash)
    {
        Derivative derivative = await Read(ctx, id);
        string caller = ctx.ClientIdentity.MspId;
        string counterparty = derivative.ProposedBy == derivative.Terms.BuyerMspId ? derivative.Terms.SellerMspId : derivative.Terms.BuyerMspId;
        if (derivative.Status != Derivative.Proposed)
        {
            throw new InvalidOperationException($"the derivative {id} is {derivative.Status}, not awaiting acceptance");
        }

        if (caller != counterparty)
        {
            throw new InvalidOperationException($"only the counterparty {counterparty} may accept the derivative {id}; {caller} may not");
        }

        if (!string.Equals(termsHash, derivative.TermsHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"the terms of {id} hash to {derivative.TermsHash}, not to the accepted {termsHash}");
        }

        derivative.Status = Derivative.Active;
        derivative.AcceptedBy = caller;
        await Save(ctx, derivative, nameof(AcceptDerivative));
        return derivative;
    }

    /// <summary>The next scheduled observation, from an attestation observed at or after its date: marks the
    /// instrument to market, posts the variation margin, and knocks it out at the barrier.</summary>
    [Transaction]
    public async Task<Derivative> RecordObservation(Context ctx, string id, string attestationJson)
    {
        Derivative derivative = await ReadActive(ctx, id);
        DateTimeOffset? scheduled = derivative.Terms.ObservationDates.Skip(derivative.Observations.Count).Cast<DateTimeOffset?>().FirstOrDefault();
        if (scheduled is null)
        {
            throw new InvalidOperationException($"every observation of {id} is recorded; settle it at maturity {derivative.Terms.Maturity:O}");
        }

        (Observation observation, string attestationId) = await Attested(ctx, derivative, attestationJson, scheduled.Value, "observation");
        decimal level = observation.DecimalValue;
        decimal mark = Payoff.KnocksOut(derivative.Terms, level) ? 0m : Payoff.At(derivative.Terms, level);
        derivative.Observations.Add(new DerivativeObservation
        {
            Scheduled = scheduled.Value,
            ObservedAt = observation.ObservedAt,
            Level = level,
            MarkToMarket = mark,
            VariationMargin = mark - derivative.MarginPosted,
            AttestationId = attestationId,
        });
        derivative.MarginPosted = mark;
        if (Payoff.KnocksOut(derivative.Terms, level))
        {
            derivative.Status = Derivative.KnockedOut;
            derivative.Settlement = Settlement(ctx, observation, 0m, knockedOut: true, attestationId);
        }

        await Save(ctx, derivative, nameof(RecordObservation));
        return derivative;
    }

    /// <summary>Settles at maturity from an attestation observed at or after it; anyone may submit it, since the
    /// amount follows from the terms and the oracle alone.</summary>
    [Transaction]
    public async Task<Derivative> Settle(Context ctx, string id, string attestationJson)
    {
        Derivative derivative = await ReadActive(ctx, id);
        (Observation observation, string attestationId) = await Attested(ctx, derivative, attestationJson, derivative.Terms.Maturity, "maturity");
        decimal level = observation.DecimalValue;
        bool knockedOut = Payoff.KnocksOut(derivative.Terms, level);
        derivative.Status = Derivative.Settled;
        derivative.Settlement = Settlement(ctx, observation, knockedOut ? 0m : Payoff.At(derivative.Terms, level), knockedOut, attestationId);
        await Save(ctx, derivative, nameof(Settle));
        return derivative;
    }

    [Transaction(Submit = false)]
    public Task<Derivative> ReadDerivative(Context ctx, string id) => Read(ctx, id);

    /// <summary>Fabricish's legal-prose convention: <c>fabricish cli legal verify</c> calls this.</summary>
    [Transaction(Submit = false)]
    public async Task<LegalProse> ReadLegalProse(Context ctx, string id) => (await Read(ctx, id)).Terms.LegalProse;

    private static async Task<(Observation Observation, string AttestationId)> Attested(
        Context ctx, Derivative derivative, string attestationJson, DateTimeOffset notBefore, string what)
    {
        DerivativeTerms terms = derivative.Terms;
        TrustedOracle oracle = await OracleRegistry.GetAsync(ctx.Stub, terms.Oracle);
        Observation observation = await AttestationVerifier.VerifyAsync(
            ctx.Stub, attestationJson, oracle, terms.Underlying, TimeSpan.FromSeconds(terms.MaxAttestationAgeSeconds), ObjectType + ":" + terms.Id);
        if (observation.ObservedAt < notBefore)
        {
            throw new AttestationRefusedException(
                $"the attestation was observed at {observation.ObservedAt:O}, before the {what} date {notBefore:O} of {terms.Id}");
        }

        return (observation, OracleAttestation.Parse(attestationJson).Id);
    }

    private static DerivativeSettlement Settlement(Context ctx, Observation observation, decimal payoff, bool knockedOut, string attestationId) => new()
    {
        Level = observation.DecimalValue,
        ObservedAt = observation.ObservedAt,
        Payoff = payoff,
        KnockedOut = knockedOut,
        AttestationId = attestationId,
        SettledAt = ctx.Stub.GetTxTimestamp() ?? throw new InvalidOperationException("the transaction has no timestamp"),
    };

    private static DerivativeTerms Normalized(DerivativeTerms terms) => new()
    {
        Id = terms.Id,
        BuyerMspId = terms.BuyerMspId,
        SellerMspId = terms.SellerMspId,
        Notional = terms.Notional,
        Currency = terms.Currency,
        Underlying = terms.Underlying,
        Strike = terms.Strike,
        Participation = terms.Participation,
        Barrier = terms.Barrier,
        ObservationDates = [.. terms.ObservationDates.Select(d => d.ToUniversalTime())],
        Maturity = terms.Maturity.ToUniversalTime(),
        Oracle = terms.Oracle,
        MaxAttestationAgeSeconds = terms.MaxAttestationAgeSeconds,
        LegalProse = LegalProse.Create(terms.LegalProse.Uri, terms.LegalProse.Sha256),
    };

    private static async Task<Derivative> ReadActive(Context ctx, string id)
    {
        Derivative derivative = await Read(ctx, id);
        return derivative.Status == Derivative.Active
            ? derivative
            : throw new InvalidOperationException($"the derivative {id} is {derivative.Status}, not active");
    }

    private static async Task<Derivative> Read(Context ctx, string id)
    {
        byte[] json = await ctx.Stub.GetStateAsync(Key(ctx, id));
        return json.Length == 0
            ? throw new InvalidOperationException($"the derivative {id} does not exist")
            : JsonSerializer.Deserialize<Derivative>(json)!;
    }

    private static string Key(Context ctx, string id) => ctx.Stub.CreateCompositeKey(ObjectType, id);

    private static Task Save(Context ctx, Derivative derivative, string eventName)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(derivative);
        ctx.Stub.SetEvent(eventName, json);
        return ctx.Stub.PutStateAsync(Key(ctx, derivative.Terms.Id), json);
    }
}
