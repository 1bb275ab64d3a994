using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Fabricish.Ledger.Storage;

namespace Fabricish.Ledger.History;

/// <summary>One block's history as stored: <c>[u32 length][u32 crc32c][payload]</c>, little-endian, the checksum
/// covering the length prefix and the payload (as <see cref="BlockRecord"/>, so a zero-filled tail never passes).
/// Payload: <c>u64 block, u32 count</c>, then per write <c>u32 tx, u16 namespace length, namespace, u32 key length,
/// key</c> with both strings in UTF-8.</summary>
internal static class HistoryRecord
{
    public const int HeaderSize = 8;

    private const int BlockPartSize = sizeof(ulong) + sizeof(uint);
    private const int WriteFixedSize = sizeof(uint) + sizeof(ushort) + sizeof(uint);

    /// <summary>A length beyond this can only be a torn or garbage prefix.</summary>
    public const int MaxPayloadSize = 1 << 30;

    /// <summary>Appends the record of <paramref name="block"/> to <paramref name="output"/>.</summary>
    public static void Encode(HistoryBlock block, ArrayBufferWriter<byte> output)
    {
        long maxSize = HeaderSize + BlockPartSize;
        foreach (HistoryWrite write in block.Writes)
        {
            maxSize += WriteFixedSize + Encoding.UTF8.GetMaxByteCount(write.Namespace.Length) + Encoding.UTF8.GetMaxByteCount(write.Key.Length);
        }

        if (maxSize > MaxPayloadSize)
        {
            throw new ArgumentException($"the history of block {block.Number} is too large for one record", nameof(block));
        }

        Span<byte> record = output.GetSpan((int)maxSize);
        BinaryPrimitives.WriteUInt64LittleEndian(record[HeaderSize..], block.Number);
        BinaryPrimitives.WriteUInt32LittleEndian(record[(HeaderSize + sizeof(ulong))..], (uint)block.Writes.Count);
        int at = HeaderSize + BlockPartSize;
        foreach (HistoryWrite write in block.Writes)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(record[at..], (uint)write.TxNum);
            int nsLength = Encoding.UTF8.GetBytes(write.Namespace, record[(at + 6)..]);
            if (nsLength > ushort.MaxValue)
            {
                throw new ArgumentException($"namespace of {nsLength} bytes is too long for the history database", nameof(block));
            }

            BinaryPrimitives.WriteUInt16LittleEndian(record[(at + 4)..], (ushort)nsLength);
            at += 6 + nsLength;
            int keyLength = Encoding.UTF8.GetBytes(write.Key, record[(at + 4)..]);
            BinaryPrimitives.WriteUInt32LittleEndian(record[at..], (uint)keyLength);
            at += 4 + keyLength;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(at - HeaderSize));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], Checksum(record[..4], record[HeaderSize..at]));
        output.Advance(at);
    }

    /// <summary>The payload length a record header announces, or -1 when it cannot be a real record.</summary>
    public static int PayloadLength(ReadOnlySpan<byte> header)
    {
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        return length is < BlockPartSize or > MaxPayloadSize ? -1 : (int)length;
    }

    /// <summary>Checks and decodes a record whose header and payload were read; false for anything a torn or
    /// damaged write could have left.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, out HistoryBlock? block)
    {
        block = null;
        if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != Checksum(header[..4], payload))
        {
            return false;
        }

        ulong number = BinaryPrimitives.ReadUInt64LittleEndian(payload);
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(payload[sizeof(ulong)..]);
        if (count > (payload.Length - BlockPartSize) / WriteFixedSize)
        {
            return false;
        }

        var writes = new HistoryWrite[count];
        int at = BlockPartSize;
        for (int i = 0; i < writes.Length; i++)
        {
            if (payload.Length - at < WriteFixedSize)
            {
                return false;
            }

            uint tx = BinaryPrimitives.ReadUInt32LittleEndian(payload[at..]);
            int nsLength = BinaryPrimitives.ReadUInt16LittleEndian(payload[(at + 4)..]);
            at += 6;
            if (payload.Length - at < nsLength + sizeof(uint) || tx > int.MaxValue)
            {
                return false;
            }

            string ns = Encoding.UTF8.GetString(payload.Slice(at, nsLength));
            at += nsLength;
            uint keyLength = BinaryPrimitives.ReadUInt32LittleEndian(payload[at..]);
            at += 4;
            if ((uint)(payload.Length - at) < keyLength)
            {
                return false;
            }

            writes[i] = new HistoryWrite((int)tx, ns, Encoding.UTF8.GetString(payload.Slice(at, (int)keyLength)));
            at += (int)keyLength;
        }

        if (at != payload.Length)
        {
            return false;
        }

        block = new HistoryBlock(number, writes);
        return true;
    }

    private static uint Checksum(ReadOnlySpan<byte> lengthPrefix, ReadOnlySpan<byte> payload) =>
        Crc32C.Finish(Crc32C.Append(Crc32C.Append(Crc32C.Start, lengthPrefix), payload));
}
