using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Fabricish.E2E.Tests.Lifecycle;

/// <summary>Builds chaincode-as-a-service install packages as <c>peer lifecycle chaincode package</c> does for type
/// ccaas: metadata.json and code.tar.gz (connection.json plus any CouchDB index files).</summary>
public static class ChaincodePackages
{
    public static byte[] Ccaas(string label, string address, IReadOnlyDictionary<string, string>? indexes = null)
    {
        var code = new Dictionary<string, byte[]>
        {
            ["connection.json"] = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["address"] = address,
                ["dial_timeout"] = "10s",
                ["tls_required"] = false,
            }),
        };
        foreach ((string name, string json) in indexes ?? new Dictionary<string, string>())
        {
            code["META-INF/statedb/couchdb/indexes/" + name] = Encoding.UTF8.GetBytes(json);
        }

        return TarGz(new Dictionary<string, byte[]>
        {
            ["metadata.json"] = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["type"] = "ccaas", ["label"] = label }),
            ["code.tar.gz"] = TarGz(code),
        });
    }

    /// <summary>The id a peer gives the <see cref="Ccaas"/> package of <paramref name="label"/> and
    /// <paramref name="address"/> when it installs it (label:SHA-256 of the package).</summary>
    public static string PackageId(string label, string address) => label + ":" + Convert.ToHexStringLower(SHA256.HashData(Ccaas(label, address)));

    public static byte[] TarGz(IReadOnlyDictionary<string, byte[]> files)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach ((string name, byte[] content) in files)
            {
                // A fixed time keeps the package, and so its id, the same for the same contents.
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), ModificationTime = DateTimeOffset.UnixEpoch });
            }
        }

        return output.ToArray();
    }
}
