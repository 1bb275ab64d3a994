namespace Fabricish.Orderer.MsgProcessor;

/// <summary>
/// Walks the fields of one protobuf message in place, so broadcast can find the few header fields it needs as slices of
/// the envelope instead of copying every bytes field the way a full parse does. Groups (wire types 3 and 4) count as
/// malformed: no Fabric message uses them, and the caller then falls back to the generated parser.
/// </summary>
internal ref struct WireFieldReader(ReadOnlySpan<byte> message)
{
    private const int LengthDelimited = 2;

    private readonly ReadOnlySpan<byte> _message = message;
    private int _position;

    public int FieldNumber { get; private set; }

    public int WireType { get; private set; }

    /// <summary>Where a length-delimited field's value starts in the message; only set for wire type 2.</summary>
    public int ValueStart { get; private set; }

    public int ValueLength { get; private set; }

    /// <summary>Set once <see cref="MoveNext"/> stopped on bytes that are not protobuf wire data.</summary>
    public bool IsMalformed { get; private set; }

    public readonly bool IsLengthDelimited => WireType == LengthDelimited;

    public readonly Range Value => new(ValueStart, ValueStart + ValueLength);

    public bool MoveNext()
    {
        if (_position >= _message.Length || IsMalformed)
        {
            return false;
        }

        if (!TryReadVarint(out ulong tag) || tag >> 3 is 0 or > int.MaxValue)
        {
            return Fail();
        }

        FieldNumber = (int)(tag >> 3);
        WireType = (int)(tag & 7);
        switch (WireType)
        {
            case 0:
                return TryReadVarint(out _) || Fail();
            case 1:
                return Skip(8);
            case LengthDelimited:
                if (!TryReadVarint(out ulong length) || length > (ulong)(_message.Length - _position))
                {
                    return Fail();
                }

                ValueStart = _position;
                ValueLength = (int)length;
                _position += (int)length;
                return true;
            case 5:
                return Skip(4);
            default:
                return Fail();
        }
    }

    private bool Skip(int bytes)
    {
        if (_message.Length - _position < bytes)
        {
            return Fail();
        }

        _position += bytes;
        return true;
    }

    private bool Fail()
    {
        IsMalformed = true;
        return false;
    }

    private bool TryReadVarint(out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && _position < _message.Length; shift += 7)
        {
            byte b = _message[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
