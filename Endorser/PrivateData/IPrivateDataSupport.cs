using Fabricish.Channels.PrivateData;
using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset;

namespace Fabricish.Endorser.PrivateData;

/// <summary>What endorsement needs of the peer's private data machinery (Fabric's collection store and
/// PrivateDataDistributor): a chaincode's collections on a channel, and the hand-over of a simulation's private
/// write sets to the transient store and the collections' member peers before the endorsement is returned.</summary>
public interface IPrivateDataSupport
{
    /// <summary>The chaincode's collections (explicit and implicit); null when the chaincode is not defined.</summary>
    ChaincodeCollections? GetCollections(EndorserChannel channel, string chaincode);

    /// <summary>Stores and disseminates <paramref name="privateData"/>; null once done, else why it failed (the
    /// proposal is then not endorsed, as in Fabric when requiredPeerCount members cannot be reached).</summary>
    Task<string?> DistributeAsync(EndorserChannel channel, string txId, TxPvtReadWriteSet privateData, Height? endorsedAt, CancellationToken cancellationToken);
}
