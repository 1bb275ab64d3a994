using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace Fabricish.Ledger.State;

/// <summary>Fabric's version.Height: the (block, transaction) position that last wrote a key, also used as the
/// state database's savepoint. Ordered by block first, then by transaction within the block.</summary>
public readonly record struct Height(ulong BlockNum, ulong TxNum) : IComparable<Height>
{
    public int CompareTo(Height other)
    {
        int byBlock = BlockNum.CompareTo(other.BlockNum);
        return byBlock != 0 ? byBlock : TxNum.CompareTo(other.TxNum);
    }

    public static bool operator <(Height left, Height right) => left.CompareTo(right) < 0;

    public static bool operator >(Height left, Height right) => left.CompareTo(right) > 0;

    public static bool operator <=(Height left, Height right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Height left, Height right) => left.CompareTo(right) >= 0;

    /// <summary>Fabric's Height.ToBytes: two order-preserving varints, so that byte order equals height order
    /// and the bytes match what a Fabric peer stores.</summary>
    public byte[] ToBytes()
    {
        Span<byte> buffer = stackalloc byte[MaxBytes];
        return buffer[..WriteBytes(buffer)].ToArray();
    }

    /// <summary>The longest <see cref="ToBytes"/> encoding: two 8-byte numbers with their size prefixes.</summary>
    public const int MaxBytes = 18;

    /// <summary><see cref="ToBytes"/> into <paramref name="destination"/> (at least <see cref="MaxBytes"/> long);
    /// returns the length written.</summary>
    public int WriteBytes(Span<byte> destination)
    {
        int written = WriteOrderPreserving(BlockNum, destination);
        return written + WriteOrderPreserving(TxNum, destination[written..]);
    }

    /// <summary>Decodes <see cref="ToBytes"/>; returns false for bytes Fabric would not have produced.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out Height height, out int consumed)
    {
        height = default;
        consumed = 0;
        if (!TryReadOrderPreserving(bytes, out ulong block, out int first)
            || !TryReadOrderPreserving(bytes[first..], out ulong tx, out int second))
        {
            return false;
        }

        height = new Height(block, tx);
        consumed = first + second;
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{BlockNum}:{TxNum}");

    // The size prefix is a protobuf varint in Fabric; sizes 0..8 always fit in its single byte form.
    private static int WriteOrderPreserving(ulong number, Span<byte> destination)
    {
        Span<byte> bigEndian = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bigEndian, number);
        int size = 8 - (BitOperations.LeadingZeroCount(number) / 8);
        destination[0] = (byte)size;
        bigEndian[(8 - size)..].CopyTo(destination[1..]);
        return size + 1;
    }

    private static bool TryReadOrderPreserving(ReadOnlySpan<byte> bytes, out ulong number, out int consumed)
    {
        number = 0;
        consumed = 0;
        if (bytes.IsEmpty || bytes[0] > 8 || bytes.Length < 1 + bytes[0])
        {
            return false;
        }

        int size = bytes[0];
        foreach (byte b in bytes.Slice(1, size))
        {
            number = (number << 8) | b;
        }

        consumed = size + 1;
        return true;
    }
}
