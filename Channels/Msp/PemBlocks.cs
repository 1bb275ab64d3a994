using System.Security.Cryptography;
using System.Text;

namespace Fabricish.Channels.Msp;

/// <summary>Splits PEM text (one or more blocks) into DER, the way Fabric's MSP reads certificate material.</summary>
internal static class PemBlocks
{
    /// <summary>All blocks with <paramref name="label"/>, in order; null when the bytes hold no such block.</summary>
    public static List<byte[]>? Decode(ReadOnlySpan<byte> pemBytes, string label)
    {
        string text = Encoding.ASCII.GetString(pemBytes);
        var result = new List<byte[]>();
        ReadOnlySpan<char> remaining = text;
        while (PemEncoding.TryFind(remaining, out var fields))
        {
            if (remaining[fields.Label].SequenceEqual(label))
            {
                result.Add(Convert.FromBase64String(remaining[fields.Base64Data].ToString()));
            }

            remaining = remaining[fields.Location.End..];
        }

        return result.Count == 0 ? null : result;
    }

    /// <summary>The first block with <paramref name="label"/>, or null.</summary>
    public static byte[]? DecodeFirst(ReadOnlySpan<byte> pemBytes, string label)
    {
        var blocks = Decode(pemBytes, label);
        return blocks is null ? null : blocks[0];
    }

    public static byte[] Encode(string label, ReadOnlySpan<byte> der) =>
        Encoding.ASCII.GetBytes(new string(PemEncoding.Write(label, der)) + "\n");
}
