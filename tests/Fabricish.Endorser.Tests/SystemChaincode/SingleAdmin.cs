using Fabricish.Channels.Msp;
using Fabricish.Endorser.SystemChaincode;

namespace Fabricish.Endorser.Tests.SystemChaincode;

/// <summary>A local MSP whose only admin is <paramref name="admin"/>.</summary>
internal sealed class SingleAdmin(SigningIdentity admin, MspManager msps) : ILocalMspAdmins
{
    public string MspId => admin.MspId;

    public IIdentity? AuthenticateAdmin(ReadOnlySpan<byte> serializedCreator, out string? reason)
    {
        if (!serializedCreator.SequenceEqual(admin.Serialize()))
        {
            reason = "not the admin";
            return null;
        }

        reason = null;
        return msps.Deserialize(serializedCreator).Identity;
    }

    public IIdentity? AuthenticateMember(ReadOnlySpan<byte> serializedCreator, out string? reason)
    {
        IdentityResult result = msps.Deserialize(serializedCreator);
        if (result.Identity?.MspId != admin.MspId)
        {
            reason = result.Error ?? "not of the local MSP";
            return null;
        }

        reason = null;
        return result.Identity;
    }
}
