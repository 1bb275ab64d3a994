using System.Buffers.Binary;
using System.Text;

namespace Fabricish.Ledger.PrivateData;

/// <summary>Key layout shared by the private data stores: a one-byte record kind, then parts separated by a zero byte
/// (channel names, txids, namespaces and collection names never hold one) and block numbers as 8 big-endian bytes, so
/// RocksDB's byte order is block order and a prefix scan finds one channel's records of one kind.</summary>
internal static class StoreKeys
{
    public static byte[] Build(byte kind, params ReadOnlySpan<object> parts)
    {
        var bytes = new List<byte>(64) { kind };
        foreach (object part in parts)
        {
            switch (part)
            {
                case string text:
                    bytes.AddRange(Encoding.UTF8.GetBytes(text));
                    bytes.Add(0);
                    break;
                case ulong number:
                    byte[] buffer = new byte[8];
                    BinaryPrimitives.WriteUInt64BigEndian(buffer, number);
                    bytes.AddRange(buffer);
                    break;
                default:
                    throw new ArgumentException($"unsupported key part {part.GetType().Name}", nameof(parts));
            }
        }

        return [.. bytes];
    }

    public static bool StartsWith(byte[] key, byte[] prefix) => key.AsSpan().StartsWith(prefix);

    /// <summary>Reads the text part that starts at <paramref name="offset"/> and moves past its separator.</summary>
    public static string ReadText(ReadOnlySpan<byte> key, ref int offset)
    {
        int end = key[offset..].IndexOf((byte)0);
        if (end < 0)
        {
            throw new InvalidDataException("private data store key is truncated");
        }

        string text = Encoding.UTF8.GetString(key.Slice(offset, end));
        offset += end + 1;
        return text;
    }

    public static ulong ReadNumber(ReadOnlySpan<byte> key, ref int offset)
    {
        ulong number = BinaryPrimitives.ReadUInt64BigEndian(key.Slice(offset, 8));
        offset += 8;
        return number;
    }
}
