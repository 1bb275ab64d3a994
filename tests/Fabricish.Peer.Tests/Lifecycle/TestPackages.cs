using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Fabricish.Peer.Tests.Lifecycle;

/// <summary>tar.gz archives built in memory, for packages good and bad.</summary>
internal static class TestPackages
{
    public static byte[] Ccaas(string label, string connectionJson, params (string Path, string Content)[] codeFiles) =>
        TarGz(
            ("metadata.json", $$"""{"type":"ccaas","label":"{{label}}"}"""),
            ("code.tar.gz", Encoding.Latin1.GetString(TarGz([("connection.json", connectionJson), .. codeFiles]))));

    public static byte[] TarGz(params (string Path, string Content)[] files)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach ((string path, string content) in files)
            {
                byte[] bytes = path.EndsWith(".tar.gz", StringComparison.Ordinal) ? Encoding.Latin1.GetBytes(content) : Encoding.UTF8.GetBytes(content);
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(bytes) });
            }
        }

        return output.ToArray();
    }
}
