using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Fabricish.Ledger.State.CouchDb;

/// <summary>Fabric's mapping from channel and namespace to CouchDB database names (couchdbutil.go), so a
/// Fabricish peer and a Fabric peer lay out the same databases: upper-case letters in a namespace become '$'
/// plus the lower-case letter, over-long names are truncated with a SHA-256 suffix, and '.' becomes '$'.</summary>
internal static partial class CouchDbNames
{
    // Fabric keeps 11 characters of CouchDB's 249 in reserve.
    private const int MaxLength = 238;
    private const int ChannelNameAllowedLength = 50;
    private const int NamespaceNameAllowedLength = 50;
    private const int CollectionNameAllowedLength = 50;

    /// <summary>The channel's metadata database, which holds the savepoint.</summary>
    public static string MetadataDatabase(string channel)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        string name = channel;
        if (name.Length > MaxLength)
        {
            name = name[..ChannelNameAllowedLength] + "(" + Sha256Hex(channel) + ")";
        }

        return MapAndValidate(name + "_");
    }

    public static string NamespaceDatabase(string channel, string ns)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(ns);
        string escaped = EscapeUpperCase(ns);
        string name = channel + "_" + escaped;
        if (name.Length > MaxLength)
        {
            // The hash is over the unescaped name, as in Fabric.
            string hash = Sha256Hex(channel + "_" + ns);
            string truncatedChannel = channel.Length > ChannelNameAllowedLength ? channel[..ChannelNameAllowedLength] : channel;
            string[] parts = escaped.Split("$$");
            string truncatedNs = Truncate(parts[0], NamespaceNameAllowedLength);
            if (parts.Length == 2)
            {
                truncatedNs += "$$" + Truncate(parts[1], CollectionNameAllowedLength);
            }

            name = truncatedChannel + "_" + truncatedNs + "(" + hash + ")";
        }

        return MapAndValidate(name);
    }

    private static string MapAndValidate(string name)
    {
        if (name.Length > MaxLength)
        {
            throw new ArgumentException($"database name '{name}' is illegal, cannot be longer than {MaxLength}");
        }

        if (!DatabaseNamePattern().IsMatch(name))
        {
            throw new ArgumentException($"database name '{name}' does not match pattern '[a-z][a-z0-9.$_()+-]*'");
        }

        // Valid names never contain '$' before escaping, so this cannot collide.
        return name.Replace('.', '$');
    }

    private static string EscapeUpperCase(string ns)
    {
        var builder = new StringBuilder(ns.Length + 8);
        foreach (char c in ns)
        {
            if (c is >= 'A' and <= 'Z')
            {
                builder.Append('$').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static string Truncate(string value, int length) => value.Length > length ? value[..length] : value;

    private static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    [GeneratedRegex("^[a-z][a-z0-9.$_()+-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex DatabaseNamePattern();
}
