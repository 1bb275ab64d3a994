using Fabricish.Ledger.State;

namespace Fabricish.Ledger.History;

/// <summary>The heights that wrote one key, ascending. Most keys are written once, so the first height lives in a
/// field and an array is only allocated for a second one.</summary>
internal sealed class KeyHeights(Height first)
{
    private readonly Height _first = first;
    private Height[]? _more;
    private int _moreCount;

    public int Count => 1 + _moreCount;

    public Height Last => _moreCount == 0 ? _first : _more![_moreCount - 1];

    /// <summary>Adds <paramref name="height"/> unless it is the last one already: a transaction that writes a key
    /// twice is one modification, as in Fabric, where both writes map to the same history key.</summary>
    public void Add(Height height)
    {
        if (height == Last)
        {
            return;
        }

        if (_more is null || _moreCount == _more.Length)
        {
            Array.Resize(ref _more, Math.Max(2, _moreCount * 2));
        }

        _more[_moreCount++] = height;
    }

    public Height[] ToArray()
    {
        var heights = new Height[Count];
        heights[0] = _first;
        _more?.AsSpan(0, _moreCount).CopyTo(heights.AsSpan(1));
        return heights;
    }
}
