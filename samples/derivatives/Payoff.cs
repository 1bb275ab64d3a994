namespace Fabricish.Samples.Derivatives;

/// <summary>The instrument's arithmetic, in decimal so every endorser computes the same digits.</summary>
public static class Payoff
{
    /// <summary>What the seller owes the buyer at <paramref name="level"/>, rounded to the currency's cents
    /// (half away from zero, as a term sheet would state).</summary>
    public static decimal At(DerivativeTerms terms, decimal level)
    {
        ArgumentNullException.ThrowIfNull(terms);
        decimal performance = Math.Max(0m, (level / terms.Strike) - 1m);
        return Math.Round(terms.Notional * terms.Participation * performance, 2, MidpointRounding.AwayFromZero);
    }

    public static bool KnocksOut(DerivativeTerms terms, decimal level) => terms.Barrier is { } barrier && level >= barrier;
}
