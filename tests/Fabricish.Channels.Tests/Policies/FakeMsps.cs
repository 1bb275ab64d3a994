using Fabricish.Channels.Msp;
using Fabricish.Channels.Policies;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Tests.Policies;

/// <summary>A channel's MSPs for policy tests: issues fake identities and deserialises them back.</summary>
internal sealed class FakeMsps(params string[] channelMsps) : IIdentityDeserializer
{
    private static readonly byte[] Message = "signed payload"u8.ToArray();

    private readonly Dictionary<string, FakeIdentity> _issued = [];

    public int Deserializations { get; private set; }

    public FakeIdentity Issue(string mspId, string name, MSPRole.Types.MSPRoleType role = MSPRole.Types.MSPRoleType.Member)
    {
        var identity = new FakeIdentity(mspId, name, role);
        _issued[Convert.ToHexString(identity.Serialized.Span)] = identity;
        return identity;
    }

    public IdentityResult Deserialize(ReadOnlySpan<byte> serializedIdentity)
    {
        Deserializations++;
        var mspId = SerializedIdentity.Parser.ParseFrom(serializedIdentity).Mspid;
        if (!channelMsps.Contains(mspId))
        {
            return IdentityResult.Invalid($"MSP '{mspId}' is not a member of this channel");
        }

        return _issued.TryGetValue(Convert.ToHexString(serializedIdentity), out var identity)
            ? IdentityResult.Ok(identity)
            : IdentityResult.Invalid("certificate not issued by the MSP");
    }

    public static SignedData Signed(FakeIdentity signer) => new(Message, signer.Serialized, signer.GoodSignature);

    public static SignedData BadlySigned(FakeIdentity signer) => new(Message, signer.Serialized, "forged"u8.ToArray());

    /// <summary>An identity of an MSP the channel has never heard of.</summary>
    public static SignedData Stranger(string mspId) => new(
        Message,
        new SerializedIdentity { Mspid = mspId, IdBytes = ByteString.CopyFromUtf8("mallory") }.ToByteArray(),
        "sig:mallory"u8.ToArray());
}
