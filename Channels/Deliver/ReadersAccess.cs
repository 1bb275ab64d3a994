using Fabricish.Channels.Config;
using Fabricish.Channels.Policies;

namespace Fabricish.Channels.Deliver;

/// <summary>A deliver session's right to read (Fabric's <c>SessionAccessControl</c>): the request's signature is
/// evaluated against a readers policy, and again only when the channel's configuration sequence has moved on.</summary>
/// <param name="config">Read on every evaluation, so a configuration update is seen by a running session.</param>
/// <param name="policy">The orderer checks /Channel/Readers, the peer /Channel/Application/Readers.</param>
public sealed class ReadersAccess(Func<ChannelConfig> config, string policy, SignedData request)
{
    private readonly Func<ChannelConfig> _config = config ?? throw new ArgumentNullException(nameof(config));
    private ulong? _evaluatedAt;
    private string? _denied;

    /// <returns>Null while the requester may read, otherwise why not.</returns>
    public string? Evaluate()
    {
        ChannelConfig current = _config();
        if (_evaluatedAt == current.Sequence)
        {
            return _denied;
        }

        _evaluatedAt = current.Sequence;
        if (!current.Policies.TryGetPolicy(policy, out IPolicy? readers))
        {
            _denied = $"could not find policy {policy}";
            return _denied;
        }

        PolicyResult result = readers.Evaluate([request]);
        _denied = result.Satisfied ? null : $"{result.Reason}: permission denied";
        return _denied;
    }
}
