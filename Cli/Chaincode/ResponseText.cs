using System.Text;

namespace Fabricish.Cli.Chaincode;

/// <summary>A chaincode response as Fabric's peer CLI prints it: the protobuf text form
/// <c>status:200 message:"..." payload:"..."</c>, empty fields left out, bytes quoted with C-style escapes.</summary>
internal static class ResponseText
{
    public static string Format(int status, string message, byte[] payload)
    {
        var parts = new List<string>();
        if (status != 0)
        {
            parts.Add($"status:{status}");
        }

        if (message.Length > 0)
        {
            parts.Add($"message:{Quote(Encoding.UTF8.GetBytes(message))}");
        }

        if (payload.Length > 0)
        {
            parts.Add($"payload:{Quote(payload)}");
        }

        return string.Join(' ', parts);
    }

    /// <summary>Printable ASCII as is, quotes and backslashes escaped, every other byte as a three-digit octal escape.</summary>
    public static string Quote(byte[] bytes)
    {
        var text = new StringBuilder("\"");
        foreach (byte b in bytes)
        {
            _ = b switch
            {
                (byte)'"' => text.Append("\\\""),
                (byte)'\\' => text.Append("\\\\"),
                (byte)'\n' => text.Append("\\n"),
                (byte)'\r' => text.Append("\\r"),
                (byte)'\t' => text.Append("\\t"),
                >= 0x20 and < 0x7f => text.Append((char)b),
                _ => text.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0')),
            };
        }

        return text.Append('"').ToString();
    }
}
