using Fabricish.Protos.Peer;

namespace Fabricish.Peer.Gateway;

/// <summary>A peer the gateway asks to endorse or evaluate: this peer in-process, or another over gRPC.</summary>
internal interface IGatewayEndorser
{
    /// <summary>host:port, as error details name the peer.</summary>
    string Address { get; }

    string MspId { get; }

    bool IsLocal { get; }

    /// <summary>The peer's answer, refusals included. Throws <see cref="Grpc.Core.RpcException"/> when the peer cannot
    /// be reached or fails the call.</summary>
    Task<ProposalResponse> ProcessProposalAsync(SignedProposal proposal, bool evaluate, CancellationToken cancellationToken);
}
