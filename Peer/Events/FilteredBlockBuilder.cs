using Fabricish.Committer;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Peer.Events;

/// <summary>Fabric's <c>blockEvent.toFilteredBlock</c>: per transaction its id, header type and validation code,
/// and for endorser transactions the chaincode events without their payload, so that listeners learn outcomes
/// without being able to read the data. Entries that are not envelopes or have no header are skipped as in Fabric;
/// a payload, transaction or action that does not parse fails the whole block, also as in Fabric.</summary>
internal static class FilteredBlockBuilder
{
    /// <returns>The filtered block, or null with the reason it could not be built.</returns>
    public static FilteredBlock? Build(Block block, out string? error)
    {
        var filtered = new FilteredBlock { Number = block.Header.Number };
        TxValidationCode[] codes;
        try
        {
            codes = TransactionsFilter.Get(block);
        }
        catch (InvalidOperationException e)
        {
            error = e.Message;
            return null;
        }

        for (int i = 0; i < block.Data.Data.Count; i++)
        {
            Envelope envelope;
            try
            {
                envelope = Envelope.Parser.ParseFrom(block.Data.Data[i]);
            }
            catch (InvalidProtocolBufferException)
            {
                continue;
            }

            try
            {
                Payload payload = Payload.Parser.ParseFrom(envelope.Payload);
                if (payload.Header is null)
                {
                    continue;
                }

                ChannelHeader header = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
                filtered.ChannelId = header.ChannelId;
                var transaction = new FilteredTransaction
                {
                    Txid = header.TxId,
                    Type = (HeaderType)header.Type,
                    TxValidationCode = codes[i],
                };
                if (transaction.Type == HeaderType.EndorserTransaction)
                {
                    transaction.TransactionActions = FilteredActions(Transaction.Parser.ParseFrom(payload.Data));
                }

                filtered.FilteredTransactions.Add(transaction);
            }
            catch (InvalidProtocolBufferException e)
            {
                error = $"transaction {i} of block {block.Header.Number} could not be filtered: {e.Message}";
                return null;
            }
        }

        error = null;
        return filtered;
    }

    private static FilteredTransactionActions FilteredActions(Transaction transaction)
    {
        var filtered = new FilteredTransactionActions();
        foreach (TransactionAction action in transaction.Actions)
        {
            ChaincodeActionPayload actionPayload = ChaincodeActionPayload.Parser.ParseFrom(action.Payload);
            if (actionPayload.Action is null)
            {
                continue;
            }

            ProposalResponsePayload response = ProposalResponsePayload.Parser.ParseFrom(actionPayload.Action.ProposalResponsePayload);
            ChaincodeAction chaincodeAction = ChaincodeAction.Parser.ParseFrom(response.Extension);
            ChaincodeEvent chaincodeEvent = ChaincodeEvent.Parser.ParseFrom(chaincodeAction.Events);
            if (chaincodeEvent.ChaincodeId.Length == 0)
            {
                continue;
            }

            filtered.ChaincodeActions.Add(new FilteredChaincodeAction
            {
                ChaincodeEvent = new ChaincodeEvent
                {
                    ChaincodeId = chaincodeEvent.ChaincodeId,
                    TxId = chaincodeEvent.TxId,
                    EventName = chaincodeEvent.EventName,
                },
            });
        }

        return filtered;
    }
}
