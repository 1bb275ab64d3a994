using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;

namespace Fabricish.Endorser.Validation;

/// <summary>Fabric's UnpackedProposal: the parts of a signed proposal the endorser works with, every one present,
/// plus the proposal hash that binds the response to this proposal (headers and the payload without its
/// transient map).</summary>
public sealed class UnpackedProposal
{
    internal UnpackedProposal(
        SignedProposal signedProposal,
        Proposal proposal,
        ChannelHeader channelHeader,
        SignatureHeader signatureHeader,
        string chaincodeName,
        ChaincodeInput input,
        byte[] proposalHash)
    {
        SignedProposal = signedProposal;
        Proposal = proposal;
        ChannelHeader = channelHeader;
        SignatureHeader = signatureHeader;
        ChaincodeName = chaincodeName;
        Input = input;
        ProposalHash = proposalHash;
    }

    public SignedProposal SignedProposal { get; }

    public Proposal Proposal { get; }

    public ChannelHeader ChannelHeader { get; }

    public SignatureHeader SignatureHeader { get; }

    public string ChaincodeName { get; }

    public ChaincodeInput Input { get; }

    public byte[] ProposalHash { get; }

    public string ChannelId => ChannelHeader.ChannelId;

    public string TxId => ChannelHeader.TxId;
}
