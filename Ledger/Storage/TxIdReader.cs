using System.Text;
using System.Text.Unicode;

namespace Fabricish.Ledger.Storage;

/// <summary>Reads <c>Envelope.payload → Payload.header → Header.channel_header → ChannelHeader.tx_id</c>
/// straight from the wire bytes. Indexing runs on every append and on recovery scans, and full parsing would
/// copy each transaction's payload several times just to reach a 64-character id. The answer must equal what
/// Fabric's Go unmarshalling gives, since duplicate-txid verdicts have to agree across peers: the last
/// occurrence of a bytes field wins, repeated occurrences of a message field merge, and a malformed message
/// or a tx id that is not UTF-8 (Go rejects such proto3 strings) yields no id.</summary>
internal static class TxIdReader
{
    private const int EnvelopePayloadField = 1;
    private const int PayloadHeaderField = 1;
    private const int HeaderChannelHeaderField = 1;
    private const int ChannelHeaderTxIdField = 5;
    private const int LengthDelimited = 2;

    /// <summary>The transaction id, or the empty string when the entry is not a well-formed envelope carrying
    /// one. Such entries stay in the block (the validator marks them invalid) but are not indexed.</summary>
    public static string Read(ReadOnlySpan<byte> envelope)
    {
        if (!TryGetLast(envelope, EnvelopePayloadField, out var payload)
            || !TryGetMerged(payload, PayloadHeaderField, HeaderChannelHeaderField, out var channelHeader)
            || !TryGetLast(channelHeader, ChannelHeaderTxIdField, out var txId)
            || !Utf8.IsValid(txId))
        {
            return string.Empty;
        }

        return Encoding.UTF8.GetString(txId);
    }

    /// <summary>The last occurrence of length-delimited field <paramref name="field"/>; false if absent or if the
    /// message is malformed anywhere.</summary>
    internal static bool TryGetLast(ReadOnlySpan<byte> message, int field, out ReadOnlySpan<byte> value)
    {
        value = default;
        bool found = false;
        int position = 0;
        while (position < message.Length)
        {
            if (!TryReadField(message, ref position, out int number, out bool delimited, out var fieldValue))
            {
                return false;
            }

            if (number == field)
            {
                if (!delimited)
                {
                    return false;
                }

                value = fieldValue;
                found = true;
            }
        }

        return found;
    }

    /// <summary>Field <paramref name="inner"/> of the message-typed field <paramref name="outer"/> after merging all
    /// occurrences of <paramref name="outer"/>, which for a bytes <paramref name="inner"/> is its last occurrence
    /// in any of them.</summary>
    private static bool TryGetMerged(ReadOnlySpan<byte> message, int outer, int inner, out ReadOnlySpan<byte> value)
    {
        value = default;
        bool found = false;
        bool outerSeen = false;
        int position = 0;
        while (position < message.Length)
        {
            if (!TryReadField(message, ref position, out int number, out bool delimited, out var outerValue))
            {
                return false;
            }

            if (number != outer)
            {
                continue;
            }

            if (!delimited)
            {
                return false;
            }

            outerSeen = true;
            if (TryGetLast(outerValue, inner, out var innerValue))
            {
                value = innerValue;
                found = true;
            }
            else if (!IsWellFormed(outerValue))
            {
                return false;
            }
        }

        return outerSeen && found;
    }

    private static bool IsWellFormed(ReadOnlySpan<byte> message)
    {
        int position = 0;
        while (position < message.Length)
        {
            if (!TryReadField(message, ref position, out _, out _, out _))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Steps over one field, returning its number and, for a length-delimited field, its contents.</summary>
    private static bool TryReadField(
        ReadOnlySpan<byte> message, scoped ref int position, out int number, out bool delimited, out ReadOnlySpan<byte> value)
    {
        value = default;
        number = 0;
        delimited = false;
        if (!TryReadVarint(message, ref position, out ulong tag) || tag >> 3 is 0 or > int.MaxValue)
        {
            return false;
        }

        number = (int)(tag >> 3);
        int skip;
        switch ((int)(tag & 7))
        {
            case 0:
                return TryReadVarint(message, ref position, out _);
            case 1:
                skip = 8;
                break;
            case LengthDelimited:
                if (!TryReadVarint(message, ref position, out ulong length) || length > (ulong)(message.Length - position))
                {
                    return false;
                }

                value = message.Slice(position, (int)length);
                position += (int)length;
                delimited = true;
                return true;
            case 5:
                skip = 4;
                break;
            default:
                // Groups (3, 4) are proto2-only and absent from Fabric's messages.
                return false;
        }

        if (message.Length - position < skip)
        {
            return false;
        }

        position += skip;
        return true;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> buffer, ref int position, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && position < buffer.Length; shift += 7)
        {
            byte b = buffer[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
