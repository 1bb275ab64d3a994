namespace Fabricish.Ledger.State;

/// <summary>Orders keys by Unicode code point, which is the UTF-8 byte order Fabric's LevelDB uses and the raw
/// collation CouchDB applies to document ids; ordinal UTF-16 order differs for characters above U+FFFF.</summary>
public sealed class StateKeyOrder : IComparer<string>
{
    public static StateKeyOrder Instance { get; } = new();

    private StateKeyOrder()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        int length = Math.Min(x.Length, y.Length);
        for (int i = 0; i < length; i++)
        {
            char a = x[i];
            char b = y[i];
            if (a != b)
            {
                // Surrogates encode code points above every BMP character, so they must sort last.
                bool aSurrogate = char.IsSurrogate(a);
                bool bSurrogate = char.IsSurrogate(b);
                return aSurrogate == bSurrogate ? a.CompareTo(b) : (aSurrogate ? 1 : -1);
            }
        }

        return x.Length.CompareTo(y.Length);
    }
}
