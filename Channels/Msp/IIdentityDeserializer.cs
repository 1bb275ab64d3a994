namespace Fabricish.Channels.Msp;

/// <summary>Turns <c>msp.SerializedIdentity</c> bytes into a validated identity of one of a channel's MSPs.</summary>
public interface IIdentityDeserializer
{
    IdentityResult Deserialize(ReadOnlySpan<byte> serializedIdentity);
}
