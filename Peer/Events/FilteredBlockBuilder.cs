using Fabricish.Committer;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Peer.Events;

/// <summary>Fabric's <c>blockEvent.toFilteredBlock</c>: per transaction its id, header type and validation code,
/// and for endorser transactions the chaincode events without their payload, so that listeners learn outcomes
/// without being able to read the data. Entries that are not envelopes or have no header are skipped as in Fabric.
/// Unlike Fabric, which fails the whole block (and so every DeliverFiltered stream that reaches it) when a payload,
/// channel header, transaction or action does not parse, such a transaction is still listed, with what could be read
/// of it: a correctly signed envelope of junk is ordered and committed INVALID, and must not stop everyone's
/// filtered delivery at its block.</summary>
internal static class FilteredBlockBuilder
{
    /// <returns>The filtered block, or null with the reason it could not be built (its validation codes are missing).</returns>
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

            if (Filter(envelope, codes[i], filtered) is { } transaction)
            {
                filtered.FilteredTransactions.Add(transaction);
            }
        }

        error = null;
        return filtered;
    }

    /// <summary>The transaction as listeners see it, or null when Fabric skips it (no header); sets the block's
    /// channel from the transaction's header.</summary>
    private static FilteredTransaction? Filter(Envelope envelope, TxValidationCode code, FilteredBlock block)
    {
        var transaction = new FilteredTransaction { TxValidationCode = code };
        Payload payload;
        ChannelHeader header;
        try
        {
            payload = Payload.Parser.ParseFrom(envelope.Payload);
            if (payload.Header is null)
            {
                return null;
            }

            header = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        }
        catch (InvalidProtocolBufferException)
        {
            // Neither id nor type can be read: the transaction is listed with its code only.
            return transaction;
        }

        block.ChannelId = header.ChannelId;
        transaction.Txid = header.TxId;
        transaction.Type = (HeaderType)header.Type;
        if (transaction.Type == HeaderType.EndorserTransaction)
        {
            try
            {
                transaction.TransactionActions = FilteredActions(Transaction.Parser.ParseFrom(payload.Data));
            }
            catch (InvalidProtocolBufferException)
            {
                // Junk transaction data has no chaincode events to tell.
                transaction.TransactionActions = new FilteredTransactionActions();
            }
        }

        return transaction;
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
