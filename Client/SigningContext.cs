using Google.Protobuf;

namespace Fabricish.Client;

/// <summary>The client identity with its signer and hash: the creator bytes for headers and signatures over messages.</summary>
internal sealed class SigningContext(Identity identity, Signer signer, Hash hash)
{
    private readonly byte[] _creator = identity.Serialize();

    public Identity Identity { get; } = identity;

    public ByteString Creator => ByteString.CopyFrom(_creator);

    public ReadOnlySpan<byte> CreatorSpan => _creator;

    public byte[] Digest(ReadOnlySpan<byte> message) => hash(message.ToArray());

    public ByteString Sign(ByteString message) => ByteString.CopyFrom(signer(Digest(message.Span)));
}
