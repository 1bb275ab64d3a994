namespace Fabricish.Protos;

/// <summary>Steps over protobuf wire-format fields in place, for reads that only need a few nested fields: Google.Protobuf
/// copies every bytes field of every message level it parses, which for a transaction is its payload several times
/// over. Malformed input ends the walk (<see cref="Next"/> returns false and <see cref="Malformed"/> is set). Groups
/// (wire type 3) are stepped over as every protobuf runtime steps over an unknown field, unless the walk was made with
/// <see cref="RefusingGroups"/> for a caller that falls back to the generated parser on anything unusual.</summary>
public ref struct ProtoWire
{
    private const int LengthDelimited = 2;
    private const int StartGroup = 3;
    private readonly ReadOnlySpan<byte> _message;
    private readonly bool _refuseGroups;
    private int _position;
    private int _valueStart;
    private int _valueLength;

    /// <summary>A walk over <paramref name="message"/> that steps over groups.</summary>
    public ProtoWire(ReadOnlySpan<byte> message)
        : this(message, refuseGroups: false)
    {
    }

    private ProtoWire(ReadOnlySpan<byte> message, bool refuseGroups)
    {
        _message = message;
        _refuseGroups = refuseGroups;
    }

    /// <summary>The number of the field <see cref="Next"/> stepped onto.</summary>
    public int Field { get; private set; }

    /// <summary>The contents of the current field when it is length-delimited, else empty.</summary>
    public readonly ReadOnlySpan<byte> Value => _message.Slice(_valueStart, _valueLength);

    /// <summary>Where <see cref="Value"/> stands in the message walked, for callers that keep slices of a larger buffer.</summary>
    public readonly Range ValueRange => new(_valueStart, _valueStart + _valueLength);

    /// <summary>The current field's value when it is a varint, else 0.</summary>
    public ulong Varint { get; private set; }

    public bool IsLengthDelimited { get; private set; }

    public bool Malformed { get; private set; }

    /// <summary>A walk over <paramref name="message"/> on which a group (wire types 3 and 4) counts as malformed: no Fabric
    /// message uses them, so a caller that has the generated parser to fall back on need not step over one.</summary>
    public static ProtoWire RefusingGroups(ReadOnlySpan<byte> message) => new(message, refuseGroups: true);

    /// <summary>The last length-delimited occurrence of <paramref name="field"/> in <paramref name="message"/> (a singular
    /// bytes or string field: the last occurrence wins, as in every protobuf runtime); false if absent or malformed.</summary>
    public static bool TryGetLast(ReadOnlySpan<byte> message, int field, out ReadOnlySpan<byte> value)
    {
        value = default;
        bool found = false;
        var wire = new ProtoWire(message);
        while (wire.Next())
        {
            if (wire.Field == field)
            {
                if (!wire.IsLengthDelimited)
                {
                    return false;
                }

                value = wire.Value;
                found = true;
            }
        }

        return found && !wire.Malformed;
    }

    /// <summary>The last varint occurrence of <paramref name="field"/>, 0 when absent; false when malformed.</summary>
    public static bool TryGetVarint(ReadOnlySpan<byte> message, int field, out ulong value)
    {
        value = 0;
        var wire = new ProtoWire(message);
        while (wire.Next())
        {
            if (wire.Field == field)
            {
                if (wire.IsLengthDelimited)
                {
                    return false;
                }

                value = wire.Varint;
            }
        }

        return !wire.Malformed;
    }

    /// <summary>Moves to the next field; false at the end or on malformed input.</summary>
    public bool Next()
    {
        _valueStart = 0;
        _valueLength = 0;
        Varint = 0;
        IsLengthDelimited = false;
        if (_position >= _message.Length || Malformed)
        {
            return false;
        }

        if (!TryReadVarint(out ulong tag) || tag >> 3 is 0 or > int.MaxValue)
        {
            return Fail();
        }

        Field = (int)(tag >> 3);
        switch ((int)(tag & 7))
        {
            case 0:
                if (!TryReadVarint(out ulong varint))
                {
                    return Fail();
                }

                Varint = varint;
                return true;
            case 1:
                return Skip(8);
            case LengthDelimited:
                if (!TryReadVarint(out ulong length) || length > (ulong)(_message.Length - _position))
                {
                    return Fail();
                }

                _valueStart = _position;
                _valueLength = (int)length;
                IsLengthDelimited = true;
                _position += (int)length;
                return true;
            case StartGroup when !_refuseGroups:
                // A group (deprecated, but every protobuf runtime still skips one as an unknown field).
                return SkipGroup(Field, 1);
            case 5:
                return Skip(4);
            default:
                return Fail();
        }
    }

    /// <summary>Steps over fields up to the end-group tag of <paramref name="field"/>, nested groups included.</summary>
    private bool SkipGroup(int field, int depth)
    {
        while (true)
        {
            if (depth > 100 || !TryReadVarint(out ulong tag) || tag >> 3 is 0 or > int.MaxValue)
            {
                return Fail();
            }

            int number = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0 when TryReadVarint(out _):
                    break;
                case 1 when _message.Length - _position >= 8:
                    _position += 8;
                    break;
                case LengthDelimited when TryReadVarint(out ulong length) && length <= (ulong)(_message.Length - _position):
                    _position += (int)length;
                    break;
                case StartGroup when SkipGroup(number, depth + 1):
                    break;
                case 4 when number == field:
                    return true;
                case 5 when _message.Length - _position >= 4:
                    _position += 4;
                    break;
                default:
                    return Fail();
            }
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
        Malformed = true;
        return false;
    }

    private bool TryReadVarint(out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _message.Length)
            {
                return false;
            }

            byte b = _message[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
