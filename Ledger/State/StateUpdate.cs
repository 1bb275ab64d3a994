namespace Fabricish.Ledger.State;

/// <summary>A write or delete of one key in an <see cref="UpdateBatch"/>; a null <see cref="Value"/> is a delete,
/// as in Fabric's UpdateBatch.</summary>
public sealed record StateUpdate(byte[]? Value, Height Version, byte[]? Metadata = null)
{
    public bool IsDelete => Value is null;
}
