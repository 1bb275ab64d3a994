namespace Fabricish.Ledger.State.Embedded;

/// <summary>Memory the embedded store may use per channel; both bounds hold however long the chain grows.</summary>
public sealed record EmbeddedStateOptions
{
    /// <summary>Size of one memtable (RocksDB's write_buffer_size); at most two exist at a time.</summary>
    public ulong WriteBufferBytes { get; init; } = 16UL << 20;

    /// <summary>Block cache of decompressed table blocks, shared by reads and range scans.</summary>
    public ulong BlockCacheBytes { get; init; } = 32UL << 20;
}
