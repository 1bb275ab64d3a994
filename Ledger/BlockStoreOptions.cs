namespace Fabricish.Ledger;

/// <summary>Tuning for a <see cref="BlockStore"/>.</summary>
public sealed record BlockStoreOptions
{
    /// <summary>Size at which the current segment file is closed and a new one started; Fabric's default
    /// block file size is 64 MiB.</summary>
    public long MaxSegmentBytes { get; init; } = 64L * 1024 * 1024;
}
