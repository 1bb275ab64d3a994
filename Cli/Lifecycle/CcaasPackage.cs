using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fabricish.Cli.Lifecycle;

/// <summary>
/// Fabric's chaincode-as-a-service package: a tar.gz holding <c>metadata.json</c> (<c>{"type":"ccaas","label":...}</c>)
/// and <c>code.tar.gz</c>, which holds <c>connection.json</c> and optional CouchDB index files under
/// <c>META-INF/statedb/couchdb/indexes/</c>. Built byte-for-byte deterministically (fixed times, owners, modes and
/// order) so the same inputs always give the same package ID: <c>label:hex(SHA-256(package))</c>.
/// </summary>
internal static class CcaasPackage
{
    public const string IndexesFolder = "META-INF/statedb/couchdb/indexes/";

    private static readonly DateTimeOffset FixedTime = DateTimeOffset.UnixEpoch;

    /// <summary>The package bytes. <paramref name="indexes"/> maps index file names to their JSON.</summary>
    public static byte[] Create(string label, ConnectionJson connection, IReadOnlyList<(string Name, byte[] Content)> indexes)
    {
        var code = new List<(string, byte[])> { ("connection.json", connection.ToBytes()) };
        code.AddRange(indexes.OrderBy(i => i.Name, StringComparer.Ordinal).Select(i => (IndexesFolder + i.Name, i.Content)));
        byte[] metadata = JsonBytes(new JsonObject { ["type"] = "ccaas", ["label"] = label });
        return TarGz([("metadata.json", metadata), ("code.tar.gz", TarGz(code))]);
    }

    /// <summary>Fabric's package ID: the label from metadata.json, a colon, and the hex SHA-256 of the whole package.</summary>
    public static string PackageId(string label, byte[] package) => $"{label}:{Convert.ToHexStringLower(SHA256.HashData(package))}";

    /// <summary>Reads a package's metadata.json and the files of its code.tar.gz; null with <paramref name="error"/>
    /// when the bytes are not a chaincode package.</summary>
    public static ParsedPackage? TryParse(byte[] package, out string? error)
    {
        try
        {
            Dictionary<string, byte[]> outer = ReadTarGz(package);
            if (!outer.TryGetValue("metadata.json", out byte[]? metadataBytes))
            {
                error = "the package has no metadata.json";
                return null;
            }

            JsonObject metadata = JsonNode.Parse(metadataBytes) as JsonObject ?? throw new JsonException("metadata.json is not a JSON object");
            string? label = metadata["label"]?.GetValue<string>();
            string? type = metadata["type"]?.GetValue<string>();
            if (string.IsNullOrEmpty(label) || string.IsNullOrEmpty(type))
            {
                error = "metadata.json must name a type and a label";
                return null;
            }

            Dictionary<string, byte[]> code = outer.TryGetValue("code.tar.gz", out byte[]? codeBytes) ? ReadTarGz(codeBytes) : [];
            error = null;
            return new ParsedPackage(type, label, code);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or InvalidOperationException or FormatException or EndOfStreamException)
        {
            error = $"not a chaincode package (tar.gz with metadata.json and code.tar.gz): {e.Message}";
            return null;
        }
    }

    private static byte[] TarGz(IEnumerable<(string Name, byte[] Content)> files)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
                {
                    ModificationTime = FixedTime,
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    Uid = 0,
                    Gid = 0,
                    UserName = string.Empty,
                    GroupName = string.Empty,
                    DataStream = new MemoryStream(content, writable: false),
                };
                tar.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }

    private static Dictionary<string, byte[]> ReadTarGz(byte[] bytes)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var gzip = new GZipStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
            {
                using var content = new MemoryStream();
                data.CopyTo(content);
                files[entry.Name] = content.ToArray();
            }
        }

        return files;
    }

    private static byte[] JsonBytes(JsonObject json) => Encoding.UTF8.GetBytes(json.ToJsonString());
}
