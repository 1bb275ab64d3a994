namespace Fabricish.Ledger;

/// <summary>Outcome of <see cref="BlockStore.Append(Fabricish.Protos.Common.Block, bool)"/>: accepted (durable) or refused with the reason, in which
/// case the store is unchanged.</summary>
public readonly record struct AppendResult(bool Accepted, string? Reason)
{
    public static AppendResult Success { get; } = new(true, null);

    public static AppendResult Refused(string reason) => new(false, reason);
}
