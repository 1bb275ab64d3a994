using Fabricish.Ledger.State;

namespace Fabricish.Committer.PrivateData;

/// <summary>The version a key holds in state as written by the blocks before the one being committed (queued state
/// writes included); null when the key is absent.</summary>
public delegate ValueTask<Height?> CommittedVersion(string ns, string key, CancellationToken cancellationToken);
