namespace Fabricish.Channels.Crypto.Generation;

/// <summary>A crypto config read and rendered, or why it is not acceptable.</summary>
public readonly record struct CryptoSpecResult(IReadOnlyList<RenderedOrg>? Orgs, string? Error)
{
    public bool IsValid => Orgs is not null;

    public static CryptoSpecResult Ok(IReadOnlyList<RenderedOrg> orgs) => new(orgs, null);

    public static CryptoSpecResult Invalid(string error) => new(null, error);
}
