namespace Fabricish.Channels.Msp;

/// <summary>The outcome of matching an identity against a principal; <see cref="Reason"/> says why not.</summary>
public readonly record struct PrincipalCheck(bool Satisfied, string? Reason)
{
    public static PrincipalCheck Yes { get; } = new(true, null);

    public static PrincipalCheck No(string reason) => new(false, reason);
}
