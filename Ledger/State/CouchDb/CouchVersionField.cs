using System.Globalization;

namespace Fabricish.Ledger.State.CouchDb;

/// <summary>The "~version" document field in Fabric's encoding (version_field_encoding.go): a zero byte, then
/// base64 of a VersionFieldProto {1: Height bytes, 2: key metadata}. Fabric's older "block:tx" text form is
/// still read.</summary>
internal static class CouchVersionField
{
    public static string Encode(Height version, byte[]? metadata)
    {
        byte[] versionBytes = version.ToBytes();
        var proto = new List<byte>(versionBytes.Length + (metadata?.Length ?? 0) + 8);
        AppendBytesField(proto, 1, versionBytes);
        if (metadata is { Length: > 0 })
        {
            AppendBytesField(proto, 2, metadata);
        }

        return "\0" + Convert.ToBase64String(proto.ToArray());
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

    private static void AppendBytesField(List<byte> proto, int field, byte[] bytes)
    {
        AppendVarint(proto, (ulong)((field << 3) | 2));
        AppendVarint(proto, (ulong)bytes.Length);
        proto.AddRange(bytes);
    }

    private static void AppendVarint(List<byte> proto, ulong value)
    {
        while (value >= 0x80)
        {
            proto.Add((byte)(value | 0x80));
            value >>= 7;
        }

        proto.Add((byte)value);
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
