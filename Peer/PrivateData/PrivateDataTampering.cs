using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf;

namespace Fabricish.Peer.PrivateData;

/// <summary>TEST-ONLY (<c>Peer:FaultInjection:TamperPrivateDataPush</c>): a copy of private write sets whose first
/// written value has a byte appended, still well-formed but no longer matching the transaction's hashes.</summary>
internal static class PrivateDataTampering
{
    public static TxPvtReadWriteSet Tamper(TxPvtReadWriteSet data)
    {
        TxPvtReadWriteSet copy = data.Clone();
        foreach (CollectionPvtReadWriteSet collection in copy.NsPvtRwset.SelectMany(n => n.CollectionPvtRwset))
        {
            KVRWSet writes = KVRWSet.Parser.ParseFrom(collection.Rwset);
            if (writes.Writes.FirstOrDefault(w => !w.IsDelete) is { } write)
            {
                write.Value = ByteString.CopyFrom([.. write.Value.Span, (byte)'!']);
                collection.Rwset = writes.ToByteString();
            }
        }

        return copy;
    }
}
