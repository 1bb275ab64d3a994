namespace Fabricish.Orderer.Consensus;

/// <summary>A chain's health and, unless it is available, why.</summary>
public readonly record struct ChainStatus(ChainHealth Health, string? Reason)
{
    public bool IsAvailable => Health == ChainHealth.Available;
}
