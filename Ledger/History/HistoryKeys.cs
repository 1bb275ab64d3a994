using System.Buffers.Binary;
using System.Text;
using Fabricish.Ledger.State;

namespace Fabricish.Ledger.History;

/// <summary>Keys of the on-disk history index: 'h', the namespace, 0x00, the key's UTF-8 length (4 bytes,
/// big-endian) and bytes, then the writing transaction's height in Fabric's order-preserving form, so one key's heights
/// are contiguous and oldest first (the length keeps a key from running into another that extends it, composite keys
/// contain 0x00); the savepoint is the single key 0x00. Values are empty: the values stay in the blocks.</summary>
internal static class HistoryKeys
{
    public const byte EntryPrefix = (byte)'h';

    public static ReadOnlySpan<byte> Savepoint => [0x00];

    /// <summary>The prefix every height of (<paramref name="ns"/>, <paramref name="key"/>) starts with.</summary>
    public static byte[] KeyPrefix(string ns, string key)
    {
        byte[] prefix = NamespacePrefix(ns, Encoding.UTF8.GetByteCount(key) + 4);
        int at = prefix.Length - Encoding.UTF8.GetByteCount(key) - 4;
        BinaryPrimitives.WriteInt32BigEndian(prefix.AsSpan(at), prefix.Length - at - 4);
        Encoding.UTF8.GetBytes(key, prefix.AsSpan(at + 4));
        return prefix;
    }

    public static byte[] Entry(string ns, string key, Height height)
    {
        byte[] prefix = KeyPrefix(ns, key);
        Span<byte> heightBytes = stackalloc byte[Height.MaxBytes];
        int length = height.WriteBytes(heightBytes);
        byte[] entry = new byte[prefix.Length + length];
        prefix.CopyTo(entry, 0);
        heightBytes[..length].CopyTo(entry.AsSpan(prefix.Length));
        return entry;
    }

    /// <summary>'h', the namespace and 0x00, with <paramref name="extra"/> more bytes of room after it.</summary>
    public static byte[] NamespacePrefix(string ns, int extra = 0)
    {
        byte[] prefix = new byte[2 + Encoding.UTF8.GetByteCount(ns) + extra];
        prefix[0] = EntryPrefix;
        Encoding.UTF8.GetBytes(ns, prefix.AsSpan(1));
        return prefix;
    }

    /// <summary>The first key after every key starting with <paramref name="prefix"/> (prefixes here never end in 0xFF
    /// runs that matter: a length or separator byte, or a key byte, which UTF-8 never makes 0xFF).</summary>
    public static byte[] UpperBound(byte[] prefix)
    {
        byte[] bound = (byte[])prefix.Clone();
        bound[^1]++;
        return bound;
    }

    /// <summary>The key and height of an entry of a namespace whose prefix is <paramref name="namespaceLength"/> long.</summary>
    public static (string Key, Height Height) Parse(ReadOnlySpan<byte> entry, int namespaceLength)
    {
        ReadOnlySpan<byte> rest = entry[namespaceLength..];
        int keyLength = BinaryPrimitives.ReadInt32BigEndian(rest);
        string key = Encoding.UTF8.GetString(rest.Slice(4, keyLength));
        if (!Height.TryFromBytes(rest[(4 + keyLength)..], out Height height, out _))
        {
            throw new InvalidDataException("history index entry has an invalid height");
        }

        return (key, height);
    }
}
