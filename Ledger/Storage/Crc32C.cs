using System.Buffers.Binary;
using System.Numerics;

namespace Fabricish.Ledger.Storage;

/// <summary>CRC-32C (Castagnoli) guarding every on-disk record; <see cref="BitOperations.Crc32C(uint, ulong)"/>
/// uses the CPU's CRC instruction where present, so checksumming a block costs little next to the fsync.</summary>
internal static class Crc32C
{
    /// <summary>Initial register value (all ones, as the standard CRC-32C definition requires).</summary>
    public const uint Start = 0xFFFFFFFFu;

    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (byte b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }

    public static uint Finish(uint crc) => ~crc;
}
