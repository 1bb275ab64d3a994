using System.Globalization;

namespace Fabricish.Ledger.State.CouchDb;

/// <summary>The "~version" document field in Fabric's encoding (version_field_encoding.go): a zero byte, then
/// base64 of a VersionFieldProto {1: Height bytes, 2: key metadata}. Fabric's older "block:tx" text form is
/// still read.</summary>
internal static class CouchVersionField
{
    /// <summary>Written once per state write, so the field is built on the stack unless key metadata makes it large.</summary>
    public static string Encode(Height version, byte[]? metadata)
    {
        int metadataLength = metadata?.Length ?? 0;
        int size = 2 + Height.MaxBytes + (metadataLength > 0 ? 11 + metadataLength : 0);
        byte[]? rented = size > 256 ? System.Buffers.ArrayPool<byte>.Shared.Rent(size) : null;
        Span<byte> proto = rented is null ? stackalloc byte[256] : rented;
        try
        {
            Span<byte> versionBytes = stackalloc byte[Height.MaxBytes];
            int length = AppendBytesField(proto, 0, 1, versionBytes[..version.WriteBytes(versionBytes)]);
            if (metadataLength > 0)
            {
                length = AppendBytesField(proto, length, 2, metadata!);
            }

            ReadOnlySpan<byte> field = proto[..length];
            if (rented is not null)
            {
                return "\0" + Convert.ToBase64String(field);
            }

            Span<char> chars = stackalloc char[1 + System.Buffers.Text.Base64.GetMaxEncodedToUtf8Length(length)];
            chars[0] = '\0';
            Convert.TryToBase64Chars(field, chars[1..], out int written);
            return new string(chars[..(1 + written)]);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static (Height Version, byte[]? Metadata) Decode(string encoded)
    {
        if (encoded.Length == 0 || encoded[0] != '\0')
        {
            string[] parts = encoded.Split(':');
            if (parts.Length != 2)
            {
                throw new InvalidDataException($"malformed version field '{encoded}'");
            }

            return (new Height(ulong.Parse(parts[0], CultureInfo.InvariantCulture), ulong.Parse(parts[1], CultureInfo.InvariantCulture)), null);
        }

        ReadOnlySpan<byte> proto = Convert.FromBase64String(encoded[1..]);
        Height? version = null;
        byte[]? metadata = null;
        while (!proto.IsEmpty)
        {
            ulong tag = ReadVarint(ref proto);
            if ((tag & 7) != 2)
            {
                throw new InvalidDataException("unexpected wire type in version field");
            }

            int length = checked((int)ReadVarint(ref proto));
            ReadOnlySpan<byte> payload = proto[..length];
            proto = proto[length..];
            if (tag >> 3 == 1)
            {
                version = Height.TryFromBytes(payload, out Height height, out _) ? height : throw new InvalidDataException("malformed height in version field");
            }
            else if (tag >> 3 == 2)
            {
                metadata = payload.ToArray();
            }
        }

        return (version ?? new Height(0, 0), metadata);
    }

    private static int AppendBytesField(Span<byte> proto, int at, int field, ReadOnlySpan<byte> bytes)
    {
        at = AppendVarint(proto, at, (ulong)((field << 3) | 2));
        at = AppendVarint(proto, at, (ulong)bytes.Length);
        bytes.CopyTo(proto[at..]);
        return at + bytes.Length;
    }

    private static int AppendVarint(Span<byte> proto, int at, ulong value)
    {
        while (value >= 0x80)
        {
            proto[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        proto[at++] = (byte)value;
        return at;
    }

    private static ulong ReadVarint(ref ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (bytes.IsEmpty)
            {
                break;
            }

            byte b = bytes[0];
            bytes = bytes[1..];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("truncated varint in version field");
    }
}
