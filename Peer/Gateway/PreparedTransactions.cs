using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Peer.Gateway;

/// <summary>The transaction envelope the gateway returns from Endorse, built as Fabric's gateway
/// (<c>prepareTransaction</c>) and protoutil build it: the proposal's header, one transaction action whose payload
/// holds the proposal payload without its transient map and the endorsed action. The envelope is unsigned: the
/// client signs its payload before Submit.</summary>
internal static class PreparedTransactions
{
    public static Envelope Build(GatewayProposal proposal, ByteString proposalResponsePayload, IEnumerable<Endorsement> endorsements)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(endorsements);
        var action = new ChaincodeEndorsedAction { ProposalResponsePayload = proposalResponsePayload };
        action.Endorsements.AddRange(Unique(endorsements));

        // Transient data is private to the endorsers and never reaches the ledger.
        ByteString proposalPayload = new ChaincodeProposalPayload { Input = proposal.Payload.Input }.ToByteString();
        var transaction = new Transaction();
        transaction.Actions.Add(new TransactionAction
        {
            Header = proposal.Header.SignatureHeader,
            Payload = new ChaincodeActionPayload { ChaincodeProposalPayload = proposalPayload, Action = action }.ToByteString(),
        });
        return new Envelope
        {
            Payload = new Payload { Header = proposal.Header, Data = transaction.ToByteString() }.ToByteString(),
        };
    }

    /// <summary>The transaction result an Evaluate returns (Fabric's <c>getResultFromProposalResponse</c>): the
    /// chaincode response payload inside the proposal response payload, which a peer cannot strip from what it
    /// signed; null when the response carries none.</summary>
    public static ByteString? Result(ProposalResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Payload.IsEmpty)
        {
            return null;
        }

        try
        {
            ProposalResponsePayload payload = ProposalResponsePayload.Parser.ParseFrom(response.Payload);
            ChaincodeAction action = ChaincodeAction.Parser.ParseFrom(payload.Extension);
            return action.Response?.Payload;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>One endorsement per endorser identity (Fabric's <c>uniqueEndorsements</c>).</summary>
    private static IEnumerable<Endorsement> Unique(IEnumerable<Endorsement> endorsements)
    {
        var seen = new HashSet<ByteString>();
        foreach (Endorsement endorsement in endorsements)
        {
            if (seen.Add(endorsement.Endorser))
            {
                yield return endorsement;
            }
        }
    }
}
