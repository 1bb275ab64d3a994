namespace Fabricish.Committer.PrivateData;

/// <summary>What committing reconciled private data did: sets stored (no longer missing), keys written into private
/// state, keys left out because a later block changed them (stale), and sets refused for not matching the block's hash.</summary>
public sealed record ReconcileOutcome(int Stored, int KeysWritten, int StaleKeys, int Refused);
