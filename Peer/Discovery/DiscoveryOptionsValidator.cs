using Microsoft.Extensions.Options;

namespace Fabricish.Peer.Discovery;

/// <summary>Refuses discovery settings that would make the service misbehave, naming the setting.</summary>
internal sealed class DiscoveryOptionsValidator : IValidateOptions<DiscoveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.AuthCacheMaxSize < 1)
        {
            failures.Add("Peer:Discovery:AuthCacheMaxSize must be at least 1");
        }

        if (options.AuthCachePurgeRetentionRatio is < 0 or >= 1)
        {
            failures.Add("Peer:Discovery:AuthCachePurgeRetentionRatio must be at least 0 and below 1");
        }

        if (options.ProbeInterval <= TimeSpan.Zero)
        {
            failures.Add("Peer:Discovery:ProbeInterval must be positive");
        }

        if (options.AliveExpiration <= options.ProbeInterval)
        {
            failures.Add("Peer:Discovery:AliveExpiration must be longer than Peer:Discovery:ProbeInterval");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
