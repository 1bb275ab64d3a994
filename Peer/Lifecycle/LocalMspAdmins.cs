using Fabricish.Channels.Msp;
using Fabricish.Endorser.SystemChaincode;
using Fabricish.Peer.Host;

namespace Fabricish.Peer.Lifecycle;

/// <summary>The peer's local MSP as the endorser and <c>_lifecycle</c> see it: who may install and approve.</summary>
internal sealed class LocalMspAdmins(LocalMsp local) : ILocalMspAdmins
{
    public string MspId => local.MspId;

    public IIdentity? AuthenticateAdmin(ReadOnlySpan<byte> serializedCreator, out string? reason)
    {
        local.Load();
        return local.AuthenticateAdmin(serializedCreator, out reason);
    }

    public IIdentity? AuthenticateMember(ReadOnlySpan<byte> serializedCreator, out string? reason)
    {
        local.Load();
        return local.AuthenticateMember(serializedCreator, out reason);
    }
}
