using Fabricish.Protos.Peer;

namespace Fabricish.Peer.Gateway;

/// <summary>This peer as one of the gateway's endorsers.</summary>
internal sealed class LocalGatewayEndorser(ILocalEndorser endorser, string address) : IGatewayEndorser
{
    public string Address { get; } = address;

    public string MspId => endorser.MspId;

    public bool IsLocal => true;

    public ILocalEndorser Endorser => endorser;

    public Task<ProposalResponse> ProcessProposalAsync(SignedProposal proposal, bool evaluate, CancellationToken cancellationToken) =>
        endorser.ProcessProposalAsync(proposal, evaluate, cancellationToken);
}
