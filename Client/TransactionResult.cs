using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using TransactionMessage = Fabricish.Protos.Peer.Transaction;

namespace Fabricish.Client;

/// <summary>Reads the chaincode response out of a prepared transaction envelope, as fabric-gateway's transaction
/// parser: payload → Transaction → first action → ChaincodeActionPayload → ProposalResponsePayload →
/// ChaincodeAction.response.</summary>
internal static class TransactionResult
{
    public static bool TryParse(Envelope envelope, out Response response, out string? error)
    {
        response = new Response();
        try
        {
            Payload payload = Payload.Parser.ParseFrom(envelope.Payload);
            TransactionMessage transaction = TransactionMessage.Parser.ParseFrom(payload.Data);
            if (transaction.Actions.Count == 0)
            {
                error = "the prepared transaction has no actions";
                return false;
            }

            ChaincodeActionPayload actionPayload = ChaincodeActionPayload.Parser.ParseFrom(transaction.Actions[0].Payload);
            if (actionPayload.Action is null)
            {
                error = "the prepared transaction's action has no endorsed action";
                return false;
            }

            ProposalResponsePayload responsePayload = ProposalResponsePayload.Parser.ParseFrom(actionPayload.Action.ProposalResponsePayload);
            ChaincodeAction action = ChaincodeAction.Parser.ParseFrom(responsePayload.Extension);
            response = action.Response ?? new Response();
            error = null;
            return true;
        }
        catch (InvalidProtocolBufferException e)
        {
            error = "the prepared transaction is malformed: " + e.Message;
            return false;
        }
    }
}
