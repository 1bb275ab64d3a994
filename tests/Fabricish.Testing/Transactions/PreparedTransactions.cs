using System.Security.Cryptography;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using ProposalMessage = Fabricish.Protos.Peer.Proposal;
using TransactionMessage = Fabricish.Protos.Peer.Transaction;

namespace Fabricish.Testing.Transactions;

/// <summary>The unsigned envelope a gateway returns from Endorse, assembled from the client's proposal and one
/// chaincode response as Fabric's protoutil.CreateSignedTx lays it out.</summary>
public static class PreparedTransactions
{
    public static Envelope From(SignedProposal signed, Response response)
    {
        ArgumentNullException.ThrowIfNull(signed);
        ProposalMessage proposal = ProposalMessage.Parser.ParseFrom(signed.ProposalBytes);
        Header header = Header.Parser.ParseFrom(proposal.Header);
        var responsePayload = new ProposalResponsePayload
        {
            ProposalHash = ByteString.CopyFrom(SHA256.HashData(signed.ProposalBytes.Span)),
            Extension = new ChaincodeAction { Response = response }.ToByteString(),
        };
        var actionPayload = new ChaincodeActionPayload
        {
            ChaincodeProposalPayload = proposal.Payload,
            Action = new ChaincodeEndorsedAction { ProposalResponsePayload = responsePayload.ToByteString() },
        };
        var transaction = new TransactionMessage();
        transaction.Actions.Add(new TransactionAction { Header = header.SignatureHeader, Payload = actionPayload.ToByteString() });
        var payload = new Payload { Header = header, Data = transaction.ToByteString() };
        return new Envelope { Payload = payload.ToByteString() };
    }
}
