namespace Fabricish.Channels.Policies;

/// <summary>
/// Whether a signature set satisfied a policy. <see cref="Reason"/> is only built on failure, naming
/// the policy path and what was missing, so the success path stays allocation-free.
/// </summary>
public readonly record struct PolicyResult(bool Satisfied, string? Reason)
{
    public static PolicyResult Ok { get; } = new(true, null);

    public static PolicyResult NotSatisfied(string reason) => new(false, reason);
}
