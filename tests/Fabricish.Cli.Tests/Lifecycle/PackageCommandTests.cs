using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fabricish.Cli.Lifecycle;
using Fabricish.Cli.Tests.Channel;

namespace Fabricish.Cli.Tests.Lifecycle;

/// <summary><c>lifecycle chaincode package|calculatepackageid</c>: Fabric's ccaas package layout, byte-identical for
/// identical inputs so the package ID is reproducible.</summary>
public sealed class PackageCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "fx-cli-pkg-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Package_is_deterministic_and_its_id_is_the_label_and_sha256_of_the_bytes()
    {
        string indexes = WriteIndexes();

        CliRun.Outcome first = await CliRun.RunAsync("lifecycle", "chaincode", "package", Path.Combine(_dir, "a.tar.gz"), "--label", "basic_1.0", "--address", "basic.org1.example.com:9999", "--indexes", indexes);
        CliRun.Outcome second = await CliRun.RunAsync("lifecycle", "chaincode", "package", Path.Combine(_dir, "b.tar.gz"), "--label", "basic_1.0", "--address", "basic.org1.example.com:9999", "--indexes", indexes);

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        byte[] a = await File.ReadAllBytesAsync(Path.Combine(_dir, "a.tar.gz"));
        Assert.Equal(a, await File.ReadAllBytesAsync(Path.Combine(_dir, "b.tar.gz")));
        string id = $"basic_1.0:{Convert.ToHexStringLower(SHA256.HashData(a))}";
        Assert.Contains($"Package ID: {id}", first.Stdout, StringComparison.Ordinal);

        CliRun.Outcome calculated = await CliRun.RunAsync("lifecycle", "chaincode", "calculatepackageid", Path.Combine(_dir, "a.tar.gz"));
        Assert.Equal(0, calculated.ExitCode);
        Assert.Equal(id, calculated.Stdout.Trim());
    }

    [Fact]
    public async Task Package_holds_Fabrics_ccaas_metadata_and_a_code_archive_with_connection_json_and_indexes()
    {
        string file = Path.Combine(_dir, "basic.tar.gz");
        string rootCert = Path.Combine(_dir, "ca.pem");
        await File.WriteAllTextAsync(rootCert, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

        CliRun.Outcome outcome = await CliRun.RunAsync("lifecycle", "chaincode", "package", file, "--label", "basic_1.0", "--address", "127.0.0.1:9999",
            "--dial-timeout", "5s", "--tls-root-cert", rootCert, "--indexes", WriteIndexes());

        Assert.Equal(0, outcome.ExitCode);
        var outer = ReadTarGz(await File.ReadAllBytesAsync(file));
        Assert.Equal(["metadata.json", "code.tar.gz"], outer.Select(e => e.Name));
        Assert.Equal("{\"type\":\"ccaas\",\"label\":\"basic_1.0\"}", Encoding.UTF8.GetString(outer[0].Content));
        var code = ReadTarGz(outer[1].Content);
        Assert.Equal(["connection.json", "META-INF/statedb/couchdb/indexes/indexOwner.json"], code.Select(e => e.Name));
        using JsonDocument connection = JsonDocument.Parse(code[0].Content);
        Assert.Equal("127.0.0.1:9999", connection.RootElement.GetProperty("address").GetString());
        Assert.Equal("5s", connection.RootElement.GetProperty("dial_timeout").GetString());
        Assert.True(connection.RootElement.GetProperty("tls_required").GetBoolean());
        Assert.False(connection.RootElement.GetProperty("client_auth_required").GetBoolean());
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", connection.RootElement.GetProperty("root_cert").GetString(), StringComparison.Ordinal);
        Assert.All(outer.Concat(code), e => Assert.Equal(DateTimeOffset.UnixEpoch, e.Modified));

        ParsedPackage parsed = CcaasPackage.TryParse(await File.ReadAllBytesAsync(file), out string? error)!;
        Assert.Null(error);
        Assert.Equal(("ccaas", "basic_1.0"), (parsed.Type, parsed.Label));
    }

    [Fact]
    public async Task An_invalid_label_is_refused_with_Fabrics_rule()
    {
        CliRun.Outcome outcome = await CliRun.RunAsync("lifecycle", "chaincode", "package", Path.Combine(_dir, "x.tar.gz"), "--label", "_bad label", "--address", "127.0.0.1:9999");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("label '_bad label' is invalid", outcome.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "x.tar.gz")));
    }

    [Fact]
    public async Task An_index_that_is_not_a_CouchDB_index_definition_is_refused_naming_the_file()
    {
        string indexes = Directory.CreateDirectory(Path.Combine(_dir, "bad-indexes")).FullName;
        await File.WriteAllTextAsync(Path.Combine(indexes, "broken.json"), "{\"fields\":[\"owner\"]}");

        CliRun.Outcome outcome = await CliRun.RunAsync("lifecycle", "chaincode", "package", Path.Combine(_dir, "x.tar.gz"), "--label", "basic_1.0", "--address", "127.0.0.1:9999", "--indexes", indexes);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(Path.Combine(indexes, "broken.json"), outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calculatepackageid_refuses_a_file_that_is_not_a_package()
    {
        string file = Path.Combine(_dir, "not-a-package.tar.gz");
        await File.WriteAllTextAsync(file, "hello");

        CliRun.Outcome outcome = await CliRun.RunAsync("lifecycle", "chaincode", "calculatepackageid", file);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("not a chaincode package", outcome.Stderr, StringComparison.Ordinal);
    }

    private string WriteIndexes()
    {
        string indexes = Path.Combine(_dir, "indexes");
        Directory.CreateDirectory(indexes);
        File.WriteAllText(Path.Combine(indexes, "indexOwner.json"), "{\"index\":{\"fields\":[\"owner\"]},\"ddoc\":\"indexOwnerDoc\",\"name\":\"indexOwner\",\"type\":\"json\"}");
        File.WriteAllText(Path.Combine(indexes, "README.md"), "not an index");
        return indexes;
    }

    private static List<(string Name, byte[] Content, DateTimeOffset Modified)> ReadTarGz(byte[] bytes)
    {
        var entries = new List<(string, byte[], DateTimeOffset)>();
        using var tar = new TarReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
        while (tar.GetNextEntry() is { } entry)
        {
            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            entries.Add((entry.Name, content.ToArray(), entry.ModificationTime));
        }

        return entries;
    }
}
