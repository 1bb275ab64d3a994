namespace Fabricish.Channels.Blocks;

/// <summary>Whether a block is acceptable as coming from the channel's orderers, and if not, why.</summary>
public readonly record struct BlockVerificationResult(bool IsValid, string? Reason)
{
    public static BlockVerificationResult Valid { get; } = new(true, null);

    public static BlockVerificationResult Invalid(string reason) => new(false, reason);
}
