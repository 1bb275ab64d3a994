using Fabricish.Protos.Peer;

namespace Fabricish.Peer.Gateway;

/// <summary>This peer's own endorser as the gateway calls it: in-process, without a gRPC hop.</summary>
internal interface ILocalEndorser
{
    /// <summary>The organisation this peer endorses for.</summary>
    string MspId { get; }

    /// <summary>Whether this peer can run <paramref name="chaincodeName"/> on the channel.</summary>
    ValueTask<bool> HasChaincodeAsync(string channelId, string chaincodeName, CancellationToken cancellationToken);

    /// <param name="evaluate">A query: the creator needs the channel's Readers policy rather than Writers.</param>
    Task<ProposalResponse> ProcessProposalAsync(SignedProposal proposal, bool evaluate, CancellationToken cancellationToken);
}
