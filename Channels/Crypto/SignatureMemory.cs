namespace Fabricish.Channels.Crypto;

/// <summary>
/// Whether this process remembers signatures it has verified or made (<see cref="VerifiedSignatures"/>). On by default:
/// a peer meets most signatures twice. A benchmark that signs its own workload and then measures how fast a committer
/// verifies it turns it off, or every check would be a hit that no real committer of other peers' blocks would get.
/// </summary>
public static class SignatureMemory
{
    private static volatile bool On = true;

    /// <summary>On by default; off makes every <c>Verify</c> an ECDSA verification and <c>Sign</c> record nothing.</summary>
    public static bool Enabled
    {
        get => On;
        set => On = value;
    }
}
