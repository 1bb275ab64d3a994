using Fabricish.Committer.Validation;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Committer;

/// <summary>Reads the channel header and public read-write set of a transaction that is already on the ledger and
/// marked valid, without judging it again (recovery and history). Such a transaction passed validation, so failing
/// to parse it means the stored block is corrupt, which is a fault, not an outcome.</summary>
internal static class TransactionReader
{
    public static (ChannelHeader Header, IReadOnlyList<NamespaceRwSet> RwSets) Read(ByteString envelopeBytes)
    {
        try
        {
            Envelope envelope = Envelope.Parser.ParseFrom(envelopeBytes.Span);
            Payload payload = Payload.Parser.ParseFrom(envelope.Payload.Span);
            ChannelHeader header = ChannelHeader.Parser.ParseFrom((payload.Header ?? throw Corrupt("no header")).ChannelHeader.Span);
            if (header.Type != (int)HeaderType.EndorserTransaction)
            {
                return (header, []);
            }

            Transaction transaction = Transaction.Parser.ParseFrom(payload.Data.Span);
            if (transaction.Actions.Count != 1)
            {
                throw Corrupt($"{transaction.Actions.Count} actions");
            }

            ChaincodeActionPayload actionPayload = ChaincodeActionPayload.Parser.ParseFrom(transaction.Actions[0].Payload.Span);
            ChaincodeEndorsedAction endorsed = actionPayload.Action ?? throw Corrupt("no endorsed action");
            ProposalResponsePayload response = ProposalResponsePayload.Parser.ParseFrom(endorsed.ProposalResponsePayload.Span);
            ChaincodeAction action = ChaincodeAction.Parser.ParseFrom(response.Extension.Span);
            TxReadWriteSet rwSet = TxReadWriteSet.Parser.ParseFrom(action.Results.Span);
            return (header, rwSet.NsRwset.Select(ns => new NamespaceRwSet(ns.Namespace, KVRWSet.Parser.ParseFrom(ns.Rwset.Span), CollectionRwSet.Parse(ns))).ToList());
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidOperationException("a transaction stored as valid cannot be read back: " + e.Message, e);
        }
    }

    private static InvalidOperationException Corrupt(string problem) => new("a transaction stored as valid cannot be read back: " + problem);
}
