using System.Buffers.Binary;

namespace Fabricish.Ledger.Storage;

/// <summary>A Fabric tx id — the lowercase hex of a SHA-256 digest — held as its 32 bytes. As a string key it
/// costs a 64-character string object besides the dictionary node; as this struct it lives inside the node.
/// Only the exact lowercase form maps here, so two distinct strings never share a key.</summary>
internal readonly struct HexTxId : IEquatable<HexTxId>
{
    private const int HexLength = 64;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    private HexTxId(ulong a, ulong b, ulong c, ulong d) => (_a, _b, _c, _d) = (a, b, c, d);

    /// <summary>False for anything but exactly 64 characters of <c>0-9a-f</c>.</summary>
    public static bool TryParse(string txId, out HexTxId id)
    {
        id = default;
        if (txId.Length != HexLength)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[HexLength / 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            int high = Nibble(txId[2 * i]);
            int low = Nibble(txId[(2 * i) + 1]);
            if ((high | low) < 0)
            {
                return false;
            }

            bytes[i] = (byte)((high << 4) | low);
        }

        id = new HexTxId(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
        return true;
    }

    public bool Equals(HexTxId other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is HexTxId other && Equals(other);

    /// <summary>Tx ids come from clients, so the hash is seeded per process (HashCode is) rather than taken
    /// straight from the digest bits, which a client could choose to collide.</summary>
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);

    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
