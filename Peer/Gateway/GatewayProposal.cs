using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Peer.Gateway;

/// <summary>The parts of a client's signed proposal the gateway plans with (Fabric's
/// <c>getChannelAndChaincodeFromSignedProposal</c> and the unpacking at the top of Endorse).</summary>
internal sealed class GatewayProposal
{
    private GatewayProposal(SignedProposal signed, Header header, ChannelHeader channelHeader, SignatureHeader signatureHeader, ChaincodeProposalPayload payload, string chaincodeName)
    {
        Signed = signed;
        Header = header;
        ChannelHeader = channelHeader;
        SignatureHeader = signatureHeader;
        Payload = payload;
        ChaincodeName = chaincodeName;
    }

    public SignedProposal Signed { get; }

    public Header Header { get; }

    public ChannelHeader ChannelHeader { get; }

    public SignatureHeader SignatureHeader { get; }

    public ChaincodeProposalPayload Payload { get; }

    public string ChannelId => ChannelHeader.ChannelId;

    public string TxId => ChannelHeader.TxId;

    public string ChaincodeName { get; }

    /// <summary>Private data travels in the transient map; Fabric then keeps the proposal inside the gateway's own
    /// organisation unless the client names others.</summary>
    public bool HasTransientData => Payload.TransientMap.Count > 0;

    /// <returns>The parsed proposal, or null with why it cannot be used.</returns>
    public static GatewayProposal? Parse(SignedProposal? signed, out string? error)
    {
        error = null;
        if (signed is null || signed.ProposalBytes.IsEmpty)
        {
            error = "the proposed transaction must contain a signed proposal";
            return null;
        }

        try
        {
            Proposal proposal = Proposal.Parser.ParseFrom(signed.ProposalBytes);
            Header header = Header.Parser.ParseFrom(proposal.Header);
            ChannelHeader channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
            SignatureHeader signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
            ChaincodeProposalPayload payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
            ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input);
            string chaincode = spec.ChaincodeSpec?.ChaincodeId?.Name ?? string.Empty;
            if (channelHeader.ChannelId.Length == 0)
            {
                error = "the proposal names no channel";
                return null;
            }

            if (chaincode.Length == 0)
            {
                error = "the proposal names no chaincode";
                return null;
            }

            return new GatewayProposal(signed, header, channelHeader, signatureHeader, payload, chaincode);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = e.Message;
            return null;
        }
    }
}
