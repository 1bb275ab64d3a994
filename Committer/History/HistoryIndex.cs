using System.Globalization;
using Fabricish.Committer.Validation;
using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;

namespace Fabricish.Committer.History;

/// <summary>The history index kept in the state database under a reserved namespace, one entry per (namespace, key,
/// block, tx) that wrote the key, as Fabric's history LevelDB keys. Writing the entries in the same batch as the
/// block's state makes the state savepoint cover them too, so recovery restores both together. Entry keys
/// length-prefix the namespace and key, so the entries of one key form a range that no other key can fall into (even
/// composite keys containing U+0000), followed by the height in fixed-width hex so they sort by height.</summary>
internal static class HistoryIndex
{
    /// <summary>Chaincode names cannot begin with '_', so no chaincode shares this namespace.</summary>
    public const string Namespace = "_history";

    private static readonly byte[] EntryValue = "{}"u8.ToArray();

    public static void Add(UpdateBatch updates, IReadOnlyList<ValidatedTransaction> transactions, IReadOnlyList<Protos.Peer.TxValidationCode> codes, ulong blockNumber)
    {
        foreach (ValidatedTransaction tx in transactions)
        {
            if (codes[tx.Index] == Protos.Peer.TxValidationCode.Valid)
            {
                Add(updates, tx.RwSets, new Height(blockNumber, (ulong)tx.Index));
            }
        }
    }

    public static void Add(UpdateBatch updates, IReadOnlyList<NamespaceRwSet> rwSets, Height height)
    {
        foreach (NamespaceRwSet ns in rwSets)
        {
            foreach (KVWrite write in ns.KvRwSet.Writes)
            {
                updates.Put(Namespace, Prefix(ns.Namespace, write.Key) + HeightSuffix(height), EntryValue, height);
            }
        }
    }

    /// <summary>[start, end) holding exactly the entries of (<paramref name="ns"/>, <paramref name="key"/>).</summary>
    public static (string Start, string End) Range(string ns, string key)
    {
        string prefix = Prefix(ns, key);

        // Entries continue with lower-case hex digits, all of which sort before 'g'.
        return (prefix, prefix + "g");
    }

    public static bool TryParseHeight(string entryKey, out Height height)
    {
        height = default;
        const int suffixLength = 32;
        if (entryKey.Length < suffixLength
            || !ulong.TryParse(entryKey.AsSpan(entryKey.Length - suffixLength, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong block)
            || !ulong.TryParse(entryKey.AsSpan(entryKey.Length - 16, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong tx))
        {
            return false;
        }

        height = new Height(block, tx);
        return true;
    }

    private static string Prefix(string ns, string key) =>
        string.Create(CultureInfo.InvariantCulture, $"{ns.Length:x4}{ns}{key.Length:x8}{key}");

    private static string HeightSuffix(Height height) =>
        string.Create(CultureInfo.InvariantCulture, $"{height.BlockNum:x16}{height.TxNum:x16}");
}
