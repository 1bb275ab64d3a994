namespace Fabricish.Explorer.Ledger;

/// <summary>One namespace's reads (key and the version read, block:tx, or none for a key that did not exist) and
/// writes (key, deleted or the value's size and start) of a transaction's read-write set.</summary>
public sealed record RwSetView(string Namespace, IReadOnlyList<(string Key, string Version)> Reads, IReadOnlyList<(string Key, string Value)> Writes, int RangeQueries);
