namespace Fabricish.Channels.Msp;

/// <summary>
/// The outcome of deserialising and validating an identity: either the identity, or the reason it is
/// not acceptable (unknown MSP, expired, revoked, not chained to a root, malformed ...).
/// </summary>
public readonly record struct IdentityResult(IIdentity? Identity, string? Error)
{
    public bool IsValid => Identity is not null;

    public static IdentityResult Ok(IIdentity identity) => new(identity, null);

    public static IdentityResult Invalid(string error) => new(null, error);
}
