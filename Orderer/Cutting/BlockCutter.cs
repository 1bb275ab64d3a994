using Fabricish.Channels.Config.Profile;
using Fabricish.Protos.Common;

namespace Fabricish.Orderer.Cutting;

/// <summary>
/// Fabric's block cutter with its exact rules: a message larger than PreferredMaxBytes is isolated in a batch
/// of its own (pending messages are cut before it); a message that would push the pending batch past
/// PreferredMaxBytes cuts the pending batch first; reaching MaxMessageCount cuts. Sizes count payload plus
/// signature bytes, as Fabric's <c>messageSizeBytes</c> does. Not thread-safe: the consenter owns it.
/// </summary>
public sealed class BlockCutter : IBlockCutter
{
    private List<Envelope> _pending = [];
    private long _pendingBytes;

    public BlockCutter(BatchSizeSpec batchSize)
    {
        ArgumentNullException.ThrowIfNull(batchSize);
        BatchSize = batchSize;
    }

    /// <summary>The channel's current BatchSize; the consenter support replaces it as a config block is written,
    /// at the same stream position on every node.</summary>
    public BatchSizeSpec BatchSize
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            field = value;
        }
    }

    public int PendingCount => _pending.Count;

    public long PendingBytes => _pendingBytes;

    public static long MessageSizeBytes(Envelope message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return (long)message.Payload.Length + message.Signature.Length;
    }

    public CutResult Ordered(Envelope message)
    {
        ArgumentNullException.ThrowIfNull(message);
        BatchSizeSpec batchSize = BatchSize;
        long size = MessageSizeBytes(message);
        if (size > batchSize.PreferredMaxBytes)
        {
            IReadOnlyList<Envelope> alone = [message];
            return _pending.Count > 0
                ? new CutResult([Cut(), alone], Pending: false)
                : new CutResult([alone], Pending: false);
        }

        IReadOnlyList<Envelope>? overflow = null;
        if (_pendingBytes + size > batchSize.PreferredMaxBytes)
        {
            overflow = Cut();
        }

        _pending.Add(message);
        _pendingBytes += size;
        if (_pending.Count >= batchSize.MaxMessageCount)
        {
            IReadOnlyList<Envelope> full = Cut();
            return overflow is null ? new CutResult([full], Pending: false) : new CutResult([overflow, full], Pending: false);
        }

        return overflow is null ? CutResult.None(pending: true) : new CutResult([overflow], Pending: true);
    }

    public CutResult OrderedConfig(Envelope message)
    {
        ArgumentNullException.ThrowIfNull(message);
        IReadOnlyList<Envelope> alone = [message];
        return _pending.Count > 0
            ? new CutResult([Cut(), alone], Pending: false)
            : new CutResult([alone], Pending: false);
    }

    public IReadOnlyList<Envelope> Cut()
    {
        if (_pending.Count == 0)
        {
            return [];
        }

        // Hand the list itself over instead of copying it; the cutter starts a fresh one.
        List<Envelope> batch = _pending;
        _pending = [];
        _pendingBytes = 0;
        return batch;
    }
}
