using System.Buffers;
using System.Text;

namespace Fabricish.Chaincode.Shim;

/// <summary>Fabric's composite keys: <c>U+0000 objectType U+0000 (attribute U+0000)*</c>. The leading U+0000 keeps
/// them apart from simple keys; U+10FFFF is reserved as the upper bound of partial-key range queries.</summary>
public static class CompositeKey
{
    internal const char Namespace = '\u0000';

    /// <summary>U+10FFFF, the largest code point: appended to a partial key it bounds every key extending it.</summary>
    internal const string MaxRune = "\U0010FFFF";

    public static string Create(string objectType, IEnumerable<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(objectType);
        ArgumentNullException.ThrowIfNull(attributes);
        ValidateAttribute(objectType);
        var key = new StringBuilder().Append(Namespace).Append(objectType).Append(Namespace);
        foreach (string attribute in attributes)
        {
            ValidateAttribute(attribute);
            key.Append(attribute).Append(Namespace);
        }

        return key.ToString();
    }

    public static (string ObjectType, IReadOnlyList<string> Attributes) Split(string compositeKey)
    {
        ArgumentNullException.ThrowIfNull(compositeKey);
        if (compositeKey.Length < 2 || compositeKey[0] != Namespace || compositeKey[^1] != Namespace)
        {
            throw new ArgumentException($"[{compositeKey}] is not a composite key: it must start and end with U+0000", nameof(compositeKey));
        }

        string[] components = compositeKey[1..^1].Split(Namespace);
        return (components[0], components[1..]);
    }

    /// <summary>Simple keys must not look like composite keys, or range queries over them would mix the two.</summary>
    internal static void ValidateSimpleKeys(params ReadOnlySpan<string> keys)
    {
        foreach (string key in keys)
        {
            if (key.Length > 0 && key[0] == Namespace)
            {
                throw new ArgumentException($"first character of the key [{key}] contains a null character which is not allowed");
            }
        }
    }

    private static void ValidateAttribute(string value)
    {
        int byteOffset = 0;
        ReadOnlySpan<char> rest = value;
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out Rune rune, out int consumed) != OperationStatus.Done)
            {
                throw new ArgumentException($"not a valid utf8 string: [{Convert.ToHexString(Encoding.UTF8.GetBytes(value))}]");
            }

            if (rune.Value is 0 or 0x10FFFF)
            {
                throw new ArgumentException(
                    $"input contains unicode U+{rune.Value:X4} starting at position [{byteOffset}]. U+0000 and U+10FFFF are not allowed in the input attribute of a composite key");
            }

            byteOffset += rune.Utf8SequenceLength;
            rest = rest[consumed..];
        }
    }
}
