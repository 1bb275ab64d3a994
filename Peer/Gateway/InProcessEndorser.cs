using Fabricish.Channels.Msp;
using Fabricish.Endorser.Chaincode;
using Fabricish.Protos.Peer;

namespace Fabricish.Peer.Gateway;

/// <summary>The peer's <see cref="Endorser.Endorser"/> behind <see cref="ILocalEndorser"/>.</summary>
internal sealed class InProcessEndorser(Endorser.Endorser endorser, IChaincodeRegistry chaincodes, SigningIdentity signer) : ILocalEndorser
{
    public string MspId => signer.MspId;

    public async ValueTask<bool> HasChaincodeAsync(string channelId, string chaincodeName, CancellationToken cancellationToken) =>
        await chaincodes.GetChaincodeAsync(channelId, chaincodeName, cancellationToken).ConfigureAwait(false) is not null;

    public Task<ProposalResponse> ProcessProposalAsync(SignedProposal proposal, bool evaluate, CancellationToken cancellationToken) =>
        endorser.ProcessProposalAsync(proposal, evaluate, cancellationToken);
}
