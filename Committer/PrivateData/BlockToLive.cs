namespace Fabricish.Committer.PrivateData;

/// <summary>Fabric's blockToLive rule (pvtdatapolicy.ComputeExpiringBlock): data a block b commits in a collection with
/// blockToLive N can be read up to block b+N and is purged when block b+N+1 commits; N = 0 keeps it for ever.</summary>
public static class BlockToLive
{
    public static ulong ExpiringBlock(ulong committingBlock, ulong blockToLive)
    {
        if (blockToLive == 0)
        {
            return ulong.MaxValue;
        }

        ulong expiring = committingBlock + blockToLive + 1;
        return expiring <= committingBlock ? ulong.MaxValue : expiring;
    }
}
