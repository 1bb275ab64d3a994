using Fabricish.Protos.Common;

namespace Fabricish.Orderer.Cutting;

/// <summary>
/// Turns the consenter's totally ordered stream of envelopes into batches (Fabric's <c>blockcutter.Receiver</c>).
/// Implementations must be pure functions of the stream and the batch size, so every orderer node that
/// reads the same stream cuts the same blocks.
/// </summary>
internal interface IBlockCutter
{
    /// <summary>Queues a normal message; returns the batches it caused to be cut and whether messages remain pending.</summary>
    CutResult Ordered(Envelope message);

    /// <summary>Queues a config message, which always travels alone: pending messages are cut first.</summary>
    CutResult OrderedConfig(Envelope message);

    /// <summary>Messages queued and not yet cut.</summary>
    int PendingCount { get; }

    /// <summary>Cuts whatever is pending (on batch timeout or a time-to-cut message); empty when nothing is.</summary>
    IReadOnlyList<Envelope> Cut();
}
