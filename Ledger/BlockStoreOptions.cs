namespace Fabricish.Ledger;

/// <summary>Tuning for a <see cref="BlockStore"/>.</summary>
public sealed record BlockStoreOptions
{
    /// <summary>Size at which the current segment file is closed and a new one started; Fabric's default
    /// block file size is 64 MiB.</summary>
    public long MaxSegmentBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Whether to keep the tx id → first location index, in the index log and in an embedded store on disk
    /// (<c>txidIndex</c>). Peers need it (duplicate-txid verdicts, commit status); orderers, like Fabric's, look blocks
    /// up only by number and turn it off, since the index grows with every transaction ever ordered. A store may be reopened with
    /// the other setting: turning it on re-derives the missing ids from the segments while opening. Without it,
    /// <see cref="BlockStore.TryGetTxLocation"/> and <see cref="BlockStore.TryGetBlockByTxId"/> throw.</summary>
    public bool IndexTransactionIds { get; init; } = true;
}
