namespace Fabricish.Ledger.Storage;

/// <summary>How much memory and how many open files one <see cref="EmbeddedStore"/> may use; the defaults are an
/// index's (history, tx ids), world state asks for more. Every bound holds however long the chain grows.</summary>
internal sealed record EmbeddedStoreOptions
{
    /// <summary>Size of one memtable (RocksDB's write_buffer_size); at most two exist at a time.</summary>
    public ulong WriteBufferBytes { get; init; } = 8UL << 20;

    /// <summary>Block cache of decompressed table blocks, index and filter blocks included.</summary>
    public ulong BlockCacheBytes { get; init; } = 8UL << 20;

    public int MaxOpenFiles { get; init; } = 128;

    /// <summary>Bloom filters for stores read by whole key (state, tx ids); a store read only by prefix scans
    /// (history) gains nothing from them.</summary>
    public bool PointLookups { get; init; } = true;
}
