using Fabricish.Committer;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Peer.Gateway;

/// <summary>The chaincode events of one block the gateway streams (Fabric's gateway <c>ChaincodeEventsIterator</c>):
/// the events of valid endorser transactions emitted by one chaincode, in transaction order, with their payloads.</summary>
internal static class ChaincodeEventsReader
{
    /// <param name="afterTxId">Skip every transaction up to and including this one in the block (resuming after a
    /// checkpoint); null to take them all.</param>
    public static List<ChaincodeEvent> Read(Block block, string chaincodeId, string? afterTxId)
    {
        ArgumentNullException.ThrowIfNull(block);
        var events = new List<ChaincodeEvent>();
        TxValidationCode[] codes = TransactionsFilter.Get(block);
        bool skipping = afterTxId is not null;
        for (int i = 0; i < block.Data.Data.Count; i++)
        {
            Transaction? transaction = EndorserTransaction(block.Data.Data[i], out string txId);
            if (skipping)
            {
                skipping = txId != afterTxId;
                continue;
            }

            if (transaction is null || codes[i] != TxValidationCode.Valid)
            {
                continue;
            }

            foreach (TransactionAction action in transaction.Actions)
            {
                if (Event(action) is { } chaincodeEvent && chaincodeEvent.ChaincodeId == chaincodeId)
                {
                    events.Add(chaincodeEvent);
                }
            }
        }

        return events;
    }

    /// <summary>The transaction of an endorser-transaction envelope, and the envelope's txid whatever its type.</summary>
    private static Transaction? EndorserTransaction(ByteString data, out string txId)
    {
        txId = string.Empty;
        try
        {
            Payload payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(data).Payload);
            if (payload.Header is null)
            {
                return null;
            }

            ChannelHeader header = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
            txId = header.TxId;
            return header.Type == (int)HeaderType.EndorserTransaction ? Transaction.Parser.ParseFrom(payload.Data) : null;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static ChaincodeEvent? Event(TransactionAction action)
    {
        try
        {
            ChaincodeActionPayload actionPayload = ChaincodeActionPayload.Parser.ParseFrom(action.Payload);
            if (actionPayload.Action is null)
            {
                return null;
            }

            ProposalResponsePayload response = ProposalResponsePayload.Parser.ParseFrom(actionPayload.Action.ProposalResponsePayload);
            ChaincodeAction chaincodeAction = ChaincodeAction.Parser.ParseFrom(response.Extension);
            if (chaincodeAction.Events.IsEmpty)
            {
                return null;
            }

            ChaincodeEvent chaincodeEvent = ChaincodeEvent.Parser.ParseFrom(chaincodeAction.Events);
            return chaincodeEvent.ChaincodeId.Length == 0 ? null : chaincodeEvent;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
