using Fabricish.Protos.Ledger.Rwset;

namespace Fabricish.Ledger.PrivateData;

/// <summary>Operations on a transaction's private write sets (<see cref="TxPvtReadWriteSet"/>).</summary>
public static class PrivateWriteSets
{
    /// <summary>The collections of <paramref name="existing"/>, plus those of <paramref name="added"/> it lacks.</summary>
    public static TxPvtReadWriteSet Merge(TxPvtReadWriteSet existing, TxPvtReadWriteSet added)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(added);
        TxPvtReadWriteSet merged = existing.Clone();
        foreach (NsPvtReadWriteSet ns in added.NsPvtRwset)
        {
            NsPvtReadWriteSet? target = merged.NsPvtRwset.FirstOrDefault(n => n.Namespace == ns.Namespace);
            if (target is null)
            {
                merged.NsPvtRwset.Add(ns.Clone());
                continue;
            }

            foreach (CollectionPvtReadWriteSet collection in ns.CollectionPvtRwset)
            {
                if (!target.CollectionPvtRwset.Any(c => c.CollectionName == collection.CollectionName))
                {
                    target.CollectionPvtRwset.Add(collection.Clone());
                }
            }
        }

        return merged;
    }

    /// <summary>The set of one collection, null when the transaction's sets hold none for it.</summary>
    public static CollectionPvtReadWriteSet? Find(TxPvtReadWriteSet? sets, string ns, string collection)
    {
        foreach (NsPvtReadWriteSet nsSet in sets?.NsPvtRwset ?? [])
        {
            if (nsSet.Namespace != ns)
            {
                continue;
            }

            foreach (CollectionPvtReadWriteSet set in nsSet.CollectionPvtRwset)
            {
                if (set.CollectionName == collection)
                {
                    return set;
                }
            }
        }

        return null;
    }

    /// <summary>Adds one collection's set, creating its namespace entry when needed.</summary>
    public static void Add(TxPvtReadWriteSet sets, string ns, CollectionPvtReadWriteSet collection)
    {
        ArgumentNullException.ThrowIfNull(sets);
        NsPvtReadWriteSet? nsSet = sets.NsPvtRwset.FirstOrDefault(n => n.Namespace == ns);
        if (nsSet is null)
        {
            nsSet = new NsPvtReadWriteSet { Namespace = ns };
            sets.NsPvtRwset.Add(nsSet);
        }

        nsSet.CollectionPvtRwset.Add(collection);
    }
}
