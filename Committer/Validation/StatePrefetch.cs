using Fabricish.Ledger.State;

namespace Fabricish.Committer.Validation;

/// <summary>Committed state loaded for a block before its transactions were judged: the keys asked for and, for each,
/// its value, metadata and version (null: no live value).</summary>
internal sealed record StatePrefetch(HashSet<CompositeKey> Keys, Dictionary<CompositeKey, VersionedValue?> States);
