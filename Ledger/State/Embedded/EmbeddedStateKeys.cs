using System.Text;

namespace Fabricish.Ledger.State.Embedded;

/// <summary>Fabric's stateleveldb key layout within one channel's store: data keys are 'd', the namespace, a 0x00
/// separator and the key (UTF-8, so byte order is code point order and a namespace's keys are contiguous; chaincode
/// names never contain 0x00); the savepoint is the single key 0x00.</summary>
internal static class EmbeddedStateKeys
{
    public const byte DataPrefix = (byte)'d';
    public const byte NamespaceSeparator = 0x00;

    public static ReadOnlySpan<byte> Savepoint => [0x00];

    public static int MaxLength(string ns, string key) => 2 + Encoding.UTF8.GetMaxByteCount(ns.Length + key.Length);

    /// <summary>Writes the data key of (<paramref name="ns"/>, <paramref name="key"/>) into <paramref name="destination"/>
    /// (at least <see cref="MaxLength"/> long); returns its length.</summary>
    public static int Write(string ns, string key, Span<byte> destination)
    {
        destination[0] = DataPrefix;
        int length = 1 + Encoding.UTF8.GetBytes(ns, destination[1..]);
        destination[length++] = NamespaceSeparator;
        return length + Encoding.UTF8.GetBytes(key, destination[length..]);
    }

    public static byte[] Of(string ns, string key)
    {
        byte[] buffer = new byte[MaxLength(ns, key)];
        return buffer.AsSpan(0, Write(ns, key, buffer)).ToArray();
    }

    /// <summary>The first key after every key of <paramref name="ns"/>: the separator's successor.</summary>
    public static byte[] NamespaceEnd(string ns)
    {
        byte[] prefix = Of(ns, "");
        prefix[^1] = NamespaceSeparator + 1;
        return prefix;
    }

    /// <summary>The state key held in a data key of a namespace whose prefix is <paramref name="prefixLength"/> long.</summary>
    public static string KeyOf(ReadOnlySpan<byte> dataKey, int prefixLength) => Encoding.UTF8.GetString(dataKey[prefixLength..]);
}
