using System.Buffers.Binary;

namespace Fabricish.Ledger.State.Embedded;

/// <summary>A stored value: the version (Fabric's order-preserving height bytes, self-delimiting), the metadata's
/// length (4 bytes, big-endian) and metadata, then the value bytes.</summary>
internal static class EmbeddedStateValue
{
    public static byte[] Encode(Height version, byte[] value, byte[]? metadata)
    {
        Span<byte> height = stackalloc byte[Height.MaxBytes];
        int heightLength = version.WriteBytes(height);
        int metadataLength = metadata?.Length ?? 0;
        byte[] encoded = new byte[heightLength + 4 + metadataLength + value.Length];
        height[..heightLength].CopyTo(encoded);
        BinaryPrimitives.WriteInt32BigEndian(encoded.AsSpan(heightLength), metadataLength);
        metadata?.CopyTo(encoded, heightLength + 4);
        value.CopyTo(encoded, heightLength + 4 + metadataLength);
        return encoded;
    }

    public static VersionedValue Decode(ReadOnlySpan<byte> encoded)
    {
        Height version = DecodeVersion(encoded, out int consumed);
        int metadataLength = BinaryPrimitives.ReadInt32BigEndian(encoded[consumed..]);
        int valueStart = consumed + 4 + metadataLength;
        if (metadataLength < 0 || valueStart > encoded.Length)
        {
            throw new InvalidDataException("embedded state value has an invalid metadata length");
        }

        // Empty metadata reads back as none, as from CouchDB, which stores no field for it.
        byte[]? metadata = metadataLength == 0 ? null : encoded.Slice(consumed + 4, metadataLength).ToArray();
        return new VersionedValue(encoded[valueStart..].ToArray(), version, metadata);
    }

    public static Height DecodeVersion(ReadOnlySpan<byte> encoded, out int consumed)
    {
        if (!Height.TryFromBytes(encoded, out Height version, out consumed) || encoded.Length < consumed + 4)
        {
            throw new InvalidDataException("embedded state value has an invalid version");
        }

        return version;
    }
}
