namespace Fabricish.Channels.Crypto;

/// <summary>
/// Strict DER for ECDSA signatures (<c>SEQUENCE { INTEGER r, INTEGER s }</c>), converted to and from the
/// fixed-width r||s form without heap allocation. Strictness matters: a lenient parser would accept
/// several encodings of one signature, which Fabric (Go's encoding/asn1) does not.
/// </summary>
internal static class EcdsaDer
{
    private const byte SequenceTag = 0x30;
    private const byte IntegerTag = 0x02;

    /// <summary>Largest DER signature for the supported curves (P-384: 2 + 2 × (2 + 49)).</summary>
    public const int MaxEncodedLength = 2 + (2 * (2 + 49));

    /// <summary>Reads a DER signature into <paramref name="fixedWidth"/> (r||s, each half right-aligned).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> der, Span<byte> fixedWidth)
    {
        int fieldSize = fixedWidth.Length / 2;
        if (der.Length < 8 || der[0] != SequenceTag)
        {
            return false;
        }

        // Short-form length only: the largest signature we accept is under 128 bytes.
        int bodyLength = der[1];
        if (bodyLength >= 0x80 || bodyLength != der.Length - 2)
        {
            return false;
        }

        var body = der[2..];
        if (!TryReadInteger(ref body, fixedWidth[..fieldSize]) || !TryReadInteger(ref body, fixedWidth[fieldSize..]))
        {
            return false;
        }

        return body.IsEmpty;
    }

    /// <summary>Writes r||s as a DER signature; returns the number of bytes written.</summary>
    public static int Encode(ReadOnlySpan<byte> fixedWidth, Span<byte> destination)
    {
        int fieldSize = fixedWidth.Length / 2;
        var r = fixedWidth[..fieldSize];
        var s = fixedWidth[fieldSize..];
        int rLength = IntegerContentLength(r);
        int sLength = IntegerContentLength(s);
        int bodyLength = 2 + rLength + 2 + sLength;
        destination[0] = SequenceTag;
        destination[1] = (byte)bodyLength;
        int offset = 2;
        offset += WriteInteger(r, rLength, destination[offset..]);
        offset += WriteInteger(s, sLength, destination[offset..]);
        return offset;
    }

    private static bool TryReadInteger(ref ReadOnlySpan<byte> input, Span<byte> field)
    {
        if (input.Length < 3 || input[0] != IntegerTag)
        {
            return false;
        }

        int length = input[1];
        if (length == 0 || length >= 0x80 || length > input.Length - 2)
        {
            return false;
        }

        var content = input.Slice(2, length);
        input = input[(2 + length)..];
        if ((content[0] & 0x80) != 0)
        {
            return false; // negative
        }

        if (content[0] == 0)
        {
            // A leading zero is only allowed to keep the next byte's high bit from reading as a sign.
            if (content.Length == 1 || (content[1] & 0x80) == 0)
            {
                return false;
            }

            content = content[1..];
        }

        if (content.Length > field.Length)
        {
            return false;
        }

        field.Clear();
        content.CopyTo(field[(field.Length - content.Length)..]);
        return true;
    }

    private static int IntegerContentLength(ReadOnlySpan<byte> value)
    {
        int start = value.IndexOfAnyExcept((byte)0);
        if (start < 0)
        {
            return 1;
        }

        int length = value.Length - start;
        return (value[start] & 0x80) != 0 ? length + 1 : length;
    }

    private static int WriteInteger(ReadOnlySpan<byte> value, int contentLength, Span<byte> destination)
    {
        destination[0] = IntegerTag;
        destination[1] = (byte)contentLength;
        var content = destination.Slice(2, contentLength);
        int start = value.IndexOfAnyExcept((byte)0);
        if (start < 0)
        {
            content[0] = 0;
            return 2 + contentLength;
        }

        var significant = value[start..];
        content.Clear();
        significant.CopyTo(content[(contentLength - significant.Length)..]);
        return 2 + contentLength;
    }
}
