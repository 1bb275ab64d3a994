namespace Fabricish.Ledger.PrivateData;

/// <summary>One private key scheduled for blockToLive purge (Fabric's expiry schedule of pvtstatepurgemgmt): the block
/// that wrote it, its hashed key as state holds it (<c>&lt;ns&gt;$$h&lt;coll&gt;</c>) and its plain key, empty on a peer
/// that only holds the hash.</summary>
public sealed record ExpiringKey(ulong ExpiringBlock, ulong CommittingBlock, string Namespace, string Collection, string HashedKey, string Key);
