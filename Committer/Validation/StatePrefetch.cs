using Fabricish.Ledger.State;

namespace Fabricish.Committer.Validation;

/// <summary>Committed versions loaded for a block before its transactions were judged: the keys asked for (those
/// without a version have no live value) and the versions found.</summary>
internal sealed record VersionPrefetch(HashSet<CompositeKey> Keys, IReadOnlyDictionary<CompositeKey, Height> Versions);
