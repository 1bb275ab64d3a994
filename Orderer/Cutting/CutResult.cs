using Fabricish.Protos.Common;

namespace Fabricish.Orderer.Cutting;

/// <summary>
/// What one ordered message did: zero, one or two batches to turn into blocks (in order), and whether
/// messages are still waiting for the next cut (the consenter starts or stops its batch timer on this).
/// </summary>
public readonly record struct CutResult(IReadOnlyList<IReadOnlyList<Envelope>> Batches, bool Pending)
{
    public static CutResult None(bool pending) => new([], pending);
}
