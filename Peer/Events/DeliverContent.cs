namespace Fabricish.Peer.Events;

/// <summary>What one of the Deliver service's three calls sends for each block.</summary>
internal enum DeliverContent
{
    /// <summary><c>Deliver</c>: the block as committed, with its TRANSACTIONS_FILTER metadata.</summary>
    Blocks,

    /// <summary><c>DeliverFiltered</c>: per transaction only its id, type, validation code and payload-less events.</summary>
    FilteredBlocks,

    /// <summary><c>DeliverWithPrivateData</c>: the block with the private data the requester may read (none yet).</summary>
    BlocksWithPrivateData,
}
