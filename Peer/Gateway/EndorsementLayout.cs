using System.Globalization;

namespace Fabricish.Peer.Gateway;

/// <summary>One way to satisfy an endorsement policy (a layout in Fabric's discovery): how many distinct peers of
/// each organisation must endorse. Organisations are kept sorted so equal layouts compare and print alike.</summary>
internal sealed class EndorsementLayout
{
    public static readonly EndorsementLayout Empty = new(new SortedDictionary<string, int>(StringComparer.Ordinal));

    private readonly SortedDictionary<string, int> _quantities;

    private EndorsementLayout(SortedDictionary<string, int> quantities)
    {
        _quantities = quantities;
        Total = quantities.Values.Sum();
    }

    public IReadOnlyDictionary<string, int> Quantities => _quantities;

    public IEnumerable<string> Organizations => _quantities.Keys;

    /// <summary>How many endorsements the layout needs in all.</summary>
    public int Total { get; }

    public static EndorsementLayout Of(string mspId, int quantity = 1) =>
        new(new SortedDictionary<string, int>(StringComparer.Ordinal) { [mspId] = quantity });

    public static EndorsementLayout Of(IEnumerable<string> mspIds)
    {
        var quantities = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (string mspId in mspIds)
        {
            quantities[mspId] = 1;
        }

        return new EndorsementLayout(quantities);
    }

    /// <summary>Both layouts at once. Signature policies count each signer once, so two of their principals naming the
    /// same organisation need two of its peers (<paramref name="distinctSigners"/>); the sub-policies of an implicit-meta
    /// policy are judged on the same signatures, so one peer of an organisation can serve them all.</summary>
    public EndorsementLayout Combine(EndorsementLayout other, bool distinctSigners)
    {
        var quantities = new SortedDictionary<string, int>(_quantities, StringComparer.Ordinal);
        foreach ((string mspId, int quantity) in other._quantities)
        {
            quantities[mspId] = quantities.TryGetValue(mspId, out int mine)
                ? (distinctSigners ? mine + quantity : Math.Max(mine, quantity))
                : quantity;
        }

        return new EndorsementLayout(quantities);
    }

    /// <summary>Whether this layout asks for at least everything <paramref name="other"/> asks for.</summary>
    public bool Covers(EndorsementLayout other) =>
        other._quantities.All(entry => _quantities.TryGetValue(entry.Key, out int mine) && mine >= entry.Value);

    public bool Includes(string mspId) => _quantities.ContainsKey(mspId);

    public override string ToString() => _quantities.Count == 0
        ? "(no endorsement)"
        : string.Join(", ", _quantities.Select(e => e.Value == 1 ? e.Key : string.Create(CultureInfo.InvariantCulture, $"{e.Value} peers of {e.Key}")));
}
