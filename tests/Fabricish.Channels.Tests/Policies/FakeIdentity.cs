using Fabricish.Channels.Msp;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Tests.Policies;

/// <summary>
/// A stand-in MSP identity: its "signature" over any message is <c>sig:{Name}</c>; it holds one role
/// besides member, and satisfies only ROLE principals of its own MSP.
/// </summary>
internal sealed class FakeIdentity(string mspId, string name, MSPRole.Types.MSPRoleType role) : IIdentity
{
    public string MspId { get; } = mspId;

    public string Name { get; } = name;

    public ReadOnlyMemory<byte> Serialized { get; } =
        new SerializedIdentity { Mspid = mspId, IdBytes = ByteString.CopyFromUtf8(name) }.ToByteArray();

    public int Verifications { get; private set; }

    public byte[] GoodSignature => System.Text.Encoding.UTF8.GetBytes("sig:" + Name);

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        Verifications++;
        return signature.SequenceEqual(GoodSignature);
    }

    public PrincipalCheck SatisfiesPrincipal(MSPPrincipal principal)
    {
        if (principal.PrincipalClassification != MSPPrincipal.Types.Classification.Role)
        {
            return PrincipalCheck.No("only role principals are supported");
        }

        var wanted = MSPRole.Parser.ParseFrom(principal.Principal);
        if (wanted.MspIdentifier != MspId)
        {
            return PrincipalCheck.No($"identity belongs to {MspId}, not {wanted.MspIdentifier}");
        }

        return wanted.Role == MSPRole.Types.MSPRoleType.Member || wanted.Role == role
            ? PrincipalCheck.Yes
            : PrincipalCheck.No($"identity is not {wanted.Role}");
    }
}
