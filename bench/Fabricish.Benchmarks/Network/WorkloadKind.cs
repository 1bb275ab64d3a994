namespace Fabricish.Benchmarks.Network;

/// <summary>What each bench transaction does with the asset-transfer chaincode.</summary>
public enum WorkloadKind
{
    /// <summary>CreateAsset of a new key: one (absent) read, one write of an asset of the asked size.</summary>
    Create,

    /// <summary>TransferAsset of a key no other in-flight transaction touches: one read, one write.</summary>
    Transfer,

    /// <summary>TransferAsset of a few shared keys by every worker: MVCC read conflicts.</summary>
    Hot,

    /// <summary>ReadAsset evaluated on one peer: endorsement only, nothing ordered.</summary>
    Query,
}
