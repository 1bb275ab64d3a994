using System.Text;
using Fabricish.Ledger.State;
using Fabricish.Protos;
using Fabricish.Protos.Common;

namespace Fabricish.Committer.Validation;

/// <summary>The public keys an endorser transaction reads and writes, read straight from its envelope's wire bytes
/// (Envelope.payload → Payload.data → Transaction.actions[0].payload → ChaincodeActionPayload.action →
/// proposal_response_payload → extension → ChaincodeAction.results → each NsReadWriteSet's KVRWSet). Only a hint of
/// which committed versions to load while the block's signatures are checked: validation parses the transaction and
/// decides, and a key named here that validation does not see is merely loaded for nothing. Parsing the transaction
/// a second time with Google.Protobuf cost as much as a tenth of the block's signature checks, on the same cores.</summary>
internal static class PrefetchKeys
{
    /// <summary>Adds the keys of <paramref name="envelope"/> to <paramref name="keys"/>; nothing when the envelope is
    /// not an endorser transaction or does not parse along the way.</summary>
    public static void AddFrom(ReadOnlySpan<byte> envelope, HashSet<CompositeKey> keys)
    {
        if (!ProtoWire.TryGetLast(envelope, 1, out ReadOnlySpan<byte> payload)
            || !ProtoWire.TryGetLast(payload, 1, out ReadOnlySpan<byte> header)
            || !ProtoWire.TryGetLast(header, 1, out ReadOnlySpan<byte> channelHeader)
            || !ProtoWire.TryGetVarint(channelHeader, 1, out ulong type)
            || type != (ulong)HeaderType.EndorserTransaction
            || !ProtoWire.TryGetLast(payload, 2, out ReadOnlySpan<byte> transaction)
            || !ProtoWire.TryGetLast(transaction, 1, out ReadOnlySpan<byte> action)
            || !ProtoWire.TryGetLast(action, 2, out ReadOnlySpan<byte> actionPayload)
            || !ProtoWire.TryGetLast(actionPayload, 2, out ReadOnlySpan<byte> endorsed)
            || !ProtoWire.TryGetLast(endorsed, 1, out ReadOnlySpan<byte> responsePayload)
            || !ProtoWire.TryGetLast(responsePayload, 2, out ReadOnlySpan<byte> chaincodeAction)
            || !ProtoWire.TryGetLast(chaincodeAction, 1, out ReadOnlySpan<byte> results))
        {
            return;
        }

        var sets = new ProtoWire(results);
        while (sets.Next())
        {
            if (sets.Field != 2 || !sets.IsLengthDelimited)
            {
                continue;
            }

            ReadOnlySpan<byte> nsRwSet = sets.Value;
            if (!ProtoWire.TryGetLast(nsRwSet, 2, out ReadOnlySpan<byte> kvRwSet))
            {
                continue;
            }

            string ns = ProtoWire.TryGetLast(nsRwSet, 1, out ReadOnlySpan<byte> name) ? Encoding.UTF8.GetString(name) : "";
            var entries = new ProtoWire(kvRwSet);
            while (entries.Next())
            {
                // KVRWSet.reads = 1 and writes = 3; each entry's key is its field 1.
                if (entries.Field is 1 or 3 && entries.IsLengthDelimited && ProtoWire.TryGetLast(entries.Value, 1, out ReadOnlySpan<byte> key))
                {
                    keys.Add(new CompositeKey(ns, Encoding.UTF8.GetString(key)));
                }
            }
        }
    }
}
