using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Fabricish.Peer.Lifecycle;

/// <summary>A chaincode install package in Fabric's format for chaincode run as a service: a tar.gz holding
/// <c>metadata.json</c> (<c>{"type":"ccaas","label":"..."}</c>) and <c>code.tar.gz</c>, itself a tar.gz with
/// <c>connection.json</c> and optionally CouchDB index definitions under <c>META-INF/statedb/couchdb/indexes/</c>.</summary>
internal sealed partial class ChaincodePackage
{
    public const string ServiceType = "ccaas";

    private const string ParseError = "could not parse as a chaincode install package: ";
    private const string IndexFolder = "META-INF/statedb/couchdb/indexes/";

    private ChaincodePackage(string label, string type, ConnectionJson connection, IReadOnlyList<ChaincodeIndex> indexes)
    {
        Label = label;
        Type = type;
        Connection = connection;
        Indexes = indexes;
    }

    public string Label { get; }

    public string Type { get; }

    public ConnectionJson Connection { get; }

    public IReadOnlyList<ChaincodeIndex> Indexes { get; }

    /// <summary>Fabric's package id: <c>&lt;label&gt;:&lt;hex SHA-256 of the whole package file&gt;</c>.</summary>
    public static string PackageId(string label, ReadOnlySpan<byte> packageBytes) => label + ":" + Convert.ToHexStringLower(SHA256.HashData(packageBytes));

    /// <summary>The package, or null with the reason it is not a usable chaincode-as-a-service package.</summary>
    public static ChaincodePackage? Parse(byte[] packageBytes, out string? error)
    {
        ArgumentNullException.ThrowIfNull(packageBytes);
        error = null;
        Dictionary<string, byte[]>? outer = ReadTarGz(packageBytes, "the package", out error);
        if (outer is null)
        {
            error = ParseError + error;
            return null;
        }

        if (!outer.TryGetValue("metadata.json", out byte[]? metadataBytes))
        {
            error = ParseError + "did not find any package metadata (missing metadata.json)";
            return null;
        }

        (string? type, string? label) = ReadMetadata(metadataBytes, out error);
        if (error is not null)
        {
            error = ParseError + error;
            return null;
        }

        if (label is null || !LabelPattern().IsMatch(label))
        {
            error = $"{ParseError}invalid label '{label}'. Label must be non-empty, can only consist of alphanumerics, symbols from '.+-_', and can only begin with alphanumerics";
            return null;
        }

        if (!string.Equals(type, ServiceType, StringComparison.OrdinalIgnoreCase))
        {
            error = $"{ParseError}chaincode type '{type}' is not supported: this peer runs chaincode as a service only (metadata.json type \"{ServiceType}\")";
            return null;
        }

        if (!outer.TryGetValue("code.tar.gz", out byte[]? codeBytes))
        {
            error = ParseError + "missing code.tar.gz";
            return null;
        }

        Dictionary<string, byte[]>? code = ReadTarGz(codeBytes, "code.tar.gz", out error);
        if (code is null)
        {
            error = ParseError + error;
            return null;
        }

        ConnectionJson? connection = ReadConnection(code, out error);
        if (connection is null)
        {
            error = ParseError + error;
            return null;
        }

        List<ChaincodeIndex> indexes = [];
        foreach ((string path, byte[] content) in code.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            string relative = path.StartsWith("src/", StringComparison.Ordinal) ? path[4..] : path;
            if (relative.StartsWith(IndexFolder, StringComparison.Ordinal) && relative.EndsWith(".json", StringComparison.Ordinal)
                && !relative[IndexFolder.Length..].Contains('/', StringComparison.Ordinal))
            {
                indexes.Add(new ChaincodeIndex(relative, Encoding.UTF8.GetString(content)));
            }
        }

        return new ChaincodePackage(label, type!, connection, indexes);
    }

    private static (string? Type, string? Label) ReadMetadata(byte[] metadataBytes, out string? error)
    {
        error = null;
        try
        {
            using var metadata = JsonDocument.Parse(metadataBytes);
            if (metadata.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "metadata.json is not a JSON object";
                return (null, null);
            }

            return (StringMember(metadata.RootElement, "type"), StringMember(metadata.RootElement, "label"));
        }
        catch (JsonException e)
        {
            error = "could not unmarshal metadata.json: " + e.Message;
            return (null, null);
        }
    }

    private static ConnectionJson? ReadConnection(Dictionary<string, byte[]> code, out string? error)
    {
        if (!code.TryGetValue("connection.json", out byte[]? connectionBytes))
        {
            error = "code.tar.gz has no connection.json";
            return null;
        }

        ConnectionJson? connection;
        try
        {
            connection = JsonSerializer.Deserialize<ConnectionJson>(connectionBytes);
        }
        catch (JsonException e)
        {
            error = "could not unmarshal connection.json: " + e.Message;
            return null;
        }

        if (connection is null)
        {
            error = "connection.json is empty";
            return null;
        }

        error = connection.Problem();
        return error is null ? connection : null;
    }

    private static string? StringMember(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The regular files of a tar.gz by normalised path (no leading "./").</summary>
    private static Dictionary<string, byte[]>? ReadTarGz(byte[] bytes, string what, out string? error)
    {
        error = null;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    continue;
                }

                using var content = new MemoryStream();
                entry.DataStream.CopyTo(content);
                string name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
                files[name] = content.ToArray();
            }

            return files;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            error = $"{what} is not a gzip-compressed tar archive: {e.Message}";
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.+-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();
}
