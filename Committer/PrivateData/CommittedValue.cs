using Fabricish.Ledger.State;

namespace Fabricish.Committer.PrivateData;

/// <summary>The value and version a key holds in state as written by the blocks before the one being committed (queued
/// state writes included); null when the key is absent.</summary>
public delegate ValueTask<VersionedValue?> CommittedValue(string ns, string key, CancellationToken cancellationToken);
