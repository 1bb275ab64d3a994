using RocksDbSharp;

namespace Fabricish.Ledger.State.Embedded;

/// <summary>Read options bounding an iterator to [start, end) of one namespace; an empty end key means the
/// namespace's end. Keeps the bound's bytes alive as long as the native options point at them.</summary>
internal sealed class RangeReadOptions : IDisposable
{
    private readonly byte[] _upperBound;

    public RangeReadOptions(string ns, string endKey)
    {
        _upperBound = endKey.Length == 0 ? EmbeddedStateKeys.NamespaceEnd(ns) : EmbeddedStateKeys.Of(ns, endKey);
        Options = new ReadOptions().SetIterateUpperBound(_upperBound);
    }

    public ReadOptions Options { get; }

    public void Dispose()
    {
        GC.KeepAlive(_upperBound);
        (Options as IDisposable)?.Dispose();
    }
}
