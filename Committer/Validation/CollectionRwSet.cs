using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf;

namespace Fabricish.Committer.Validation;

/// <summary>One collection's hashed read-write set of a transaction (what the block carries of private data): the
/// key hashes read and written with the value hashes, and the hash of the private write set that must match the
/// private data a member peer commits.</summary>
public sealed record CollectionRwSet(string Collection, HashedRWSet Hashed, ByteString PvtRwSetHash)
{
    /// <summary>The namespace's collections, parsed; throws InvalidProtocolBufferException for a malformed set.</summary>
    public static IReadOnlyList<CollectionRwSet> Parse(NsReadWriteSet ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        if (ns.CollectionHashedRwset.Count == 0)
        {
            return [];
        }

        var sets = new List<CollectionRwSet>(ns.CollectionHashedRwset.Count);
        foreach (CollectionHashedReadWriteSet collection in ns.CollectionHashedRwset)
        {
            sets.Add(new CollectionRwSet(collection.CollectionName, HashedRWSet.Parser.ParseFrom(collection.HashedRwset.Span), collection.PvtRwsetHash));
        }

        return sets;
    }
}
