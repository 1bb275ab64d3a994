using Fabricish.Channels.Policies;
using Fabricish.Orderer.Registrar;

namespace Fabricish.Orderer.Deliver;

/// <summary>A deliver session's right to read (Fabric's <c>SessionAccessControl</c>): the request's signature is
/// evaluated against /Channel/Readers, and again only when the channel's configuration sequence has moved on.</summary>
internal sealed class ReadersAccess(ChannelSupport channel, SignedData request)
{
    private ulong? _evaluatedAt;
    private string? _denied;

    /// <returns>Null while the requester may read, otherwise why not.</returns>
    public string? Evaluate()
    {
        Channels.Config.ChannelConfig config = channel.Config;
        if (_evaluatedAt == config.Sequence)
        {
            return _denied;
        }

        _evaluatedAt = config.Sequence;
        if (!config.Policies.TryGetPolicy(PolicyManager.ChannelReaders, out IPolicy? readers))
        {
            _denied = $"could not find policy {PolicyManager.ChannelReaders}";
            return _denied;
        }

        PolicyResult result = readers.Evaluate([request]);
        _denied = result.Satisfied ? null : $"{result.Reason}: permission denied";
        return _denied;
    }
}
