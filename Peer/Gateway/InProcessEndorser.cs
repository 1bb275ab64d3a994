using Fabricish.Channels.Msp;
using Fabricish.Endorser.Chaincode;
using Fabricish.Protos.Peer;

namespace Fabricish.Peer.Gateway;

/// <summary>The peer's <see cref="Endorser.Endorser"/> behind <see cref="ILocalEndorser"/>. Its system chaincodes
/// (<paramref name="systemChaincodes"/>: qscc, cscc, _lifecycle) run here on every channel, as Fabric's gateway
/// registry counts them installed on every peer, so <c>getContract('qscc').evaluateTransaction(…)</c> reaches them.</summary>
internal sealed class InProcessEndorser(Endorser.Endorser endorser, IChaincodeRegistry chaincodes, SigningIdentity signer, IReadOnlySet<string> systemChaincodes) : ILocalEndorser
{
    public string MspId => signer.MspId;

    public async ValueTask<bool> HasChaincodeAsync(string channelId, string chaincodeName, CancellationToken cancellationToken) =>
        systemChaincodes.Contains(chaincodeName) || await chaincodes.GetChaincodeAsync(channelId, chaincodeName, cancellationToken).ConfigureAwait(false) is not null;

    public Task<ProposalResponse> ProcessProposalAsync(SignedProposal proposal, bool evaluate, CancellationToken cancellationToken) =>
        endorser.ProcessProposalAsync(proposal, evaluate, cancellationToken);
}
