using Fabricish.Endorser.Simulation;
using Fabricish.Endorser.Validation;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Endorser;

/// <summary>Private data in endorsement (Fabric's endorser.simulateProposal): the simulator learns the chaincode's
/// collections and the creator's organization, and a simulation that wrote private data is endorsed only once its
/// private write sets are in the transient store and with the collections' required member peers.</summary>
public sealed partial class Endorser
{
    private void PreparePrivateData(UnpackedProposal proposal, EndorserChannel channel, TxSimulator simulator)
    {
        if (_privateData is null)
        {
            return;
        }

        simulator.CollectionsOf = ns => _privateData.GetCollections(channel, ns);
        try
        {
            simulator.CreatorMspId = SerializedIdentity.Parser.ParseFrom(proposal.SignatureHeader.Creator).Mspid;
        }
        catch (InvalidProtocolBufferException)
        {
            // The proposal validator has already refused a creator that does not parse.
            simulator.CreatorMspId = null;
        }
    }

    private async Task<ProposalResponse> DistributePrivateDataAsync(
        UnpackedProposal proposal, EndorserChannel channel, TxSimulator simulator, TxPvtReadWriteSet pvt, ProposalResponse endorsed, CancellationToken cancellationToken)
    {
        if (proposal.ChaincodeName == "lscc" || _privateData is null)
        {
            return Fail(proposal, "Private data is forbidden to be used in instantiate");
        }

        string? failed = await _privateData.DistributeAsync(channel, proposal.TxId, pvt, simulator.Snapshot, cancellationToken).ConfigureAwait(false);
        return failed is null
            ? endorsed
            : Fail(proposal, $"error in simulation: failed to distribute private collection, txID {proposal.TxId}, channel {proposal.ChannelId}: {failed}");
    }
}
