using System.Buffers.Binary;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Ledger.Storage;

/// <summary>One block as stored in a segment: <c>[u32 length][u32 crc32c][length bytes of serialized Block]</c>,
/// little-endian. The checksum covers the length prefix and the payload, so a zero-filled tail (what some file
/// systems leave after a crash) never passes as a valid empty record.</summary>
internal static class BlockRecord
{
    public const int HeaderSize = 8;

    /// <summary>Larger than any block an orderer would cut (Fabric's absolute max is far below this); a length
    /// beyond it can only be a torn or garbage prefix.</summary>
    public const int MaxPayloadSize = 1 << 30;

    /// <summary>Serializes straight into the record buffer so the block is copied once.</summary>
    public static byte[] Encode(Block block)
    {
        var record = new byte[SizeOf(block)];
        EncodeInto(block, record);
        return record;
    }

    /// <summary>The record's length: header plus serialized block.</summary>
    public static int SizeOf(Block block) => HeaderSize + block.CalculateSize();

    /// <summary>Writes the record into <paramref name="record"/>, exactly <see cref="SizeOf"/> bytes long, so a caller
    /// can use a pooled buffer: a block of a hundred transactions is a large-object-heap allocation otherwise.</summary>
    public static void EncodeInto(Block block, Span<byte> record)
    {
        block.WriteTo(record[HeaderSize..]);
        Frame(record);
    }

    /// <summary>Fills in the header of a record whose payload already occupies everything after it.</summary>
    public static void Frame(Span<byte> record)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(record.Length - HeaderSize));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], Checksum(record[..4], record[HeaderSize..]));
    }

    /// <summary>The payload length a record header announces, or -1 when it cannot be a real record.</summary>
    public static int PayloadLength(ReadOnlySpan<byte> header)
    {
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        return length is 0 or > MaxPayloadSize ? -1 : (int)length;
    }

    public static bool ChecksumMatches(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload) =>
        BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) == Checksum(header[..4], payload);

    private static uint Checksum(ReadOnlySpan<byte> lengthPrefix, ReadOnlySpan<byte> payload) =>
        Crc32C.Finish(Crc32C.Append(Crc32C.Append(Crc32C.Start, lengthPrefix), payload));
}
