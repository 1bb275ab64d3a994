using System.Security.Cryptography;
using Fabricish.Peer.Lifecycle;

namespace Fabricish.Peer.Tests.Lifecycle;

public sealed class ChaincodePackageTests
{
    private const string Connection = """{"address":"127.0.0.1:9999","dial_timeout":"10s","tls_required":false}""";

    [Fact]
    public void A_ccaas_package_yields_its_label_address_indexes_and_the_label_colon_sha256_package_id()
    {
        const string index = """{"index":{"fields":["Owner"]},"name":"byOwner","type":"json"}""";
        byte[] bytes = TestPackages.Ccaas("basic_1.0", Connection, ("META-INF/statedb/couchdb/indexes/byOwner.json", index));

        ChaincodePackage? package = ChaincodePackage.Parse(bytes, out string? error);

        Assert.Null(error);
        Assert.NotNull(package);
        Assert.Equal("basic_1.0", package.Label);
        Assert.Equal("127.0.0.1:9999", package.Connection.Address);
        Assert.Null(package.Connection.ToTlsSettings());
        Assert.Equal(index, Assert.Single(package.Indexes).Json);
        Assert.Equal("basic_1.0:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), ChaincodePackage.PackageId(package.Label, bytes));
    }

    [Theory]
    [InlineData("not-gzip", "is not a gzip-compressed tar archive")]
    [InlineData("no-metadata", "did not find any package metadata (missing metadata.json)")]
    [InlineData("wrong-type", "chaincode type 'golang' is not supported")]
    [InlineData("no-address", "connection.json has no address")]
    [InlineData("bad-label", "invalid label '-x'")]
    [InlineData("no-code", "missing code.tar.gz")]
    public void A_bad_package_is_refused_with_the_reason(string kind, string expected)
    {
        byte[] bytes = kind switch
        {
            "not-gzip" => "plain text"u8.ToArray(),
            "no-metadata" => TestPackages.TarGz(("code.tar.gz", "x")),
            "wrong-type" => TestPackages.TarGz(("metadata.json", """{"type":"golang","label":"x"}""")),
            "no-address" => TestPackages.Ccaas("x", """{"tls_required":false}"""),
            "bad-label" => TestPackages.Ccaas("-x", Connection),
            _ => TestPackages.TarGz(("metadata.json", """{"type":"ccaas","label":"x"}""")),
        };

        Assert.Null(ChaincodePackage.Parse(bytes, out string? error));
        Assert.StartsWith("could not parse as a chaincode install package: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Installing_stores_the_package_under_label_dot_hash_and_refuses_a_second_install()
    {
        string directory = Path.Combine(Path.GetTempPath(), "fx-lifecycle-" + Guid.NewGuid().ToString("N"));
        try
        {
            byte[] bytes = TestPackages.Ccaas("basic_1.0", Connection);
            var store = new InstalledChaincodes(directory);
            InstalledChaincode? installed = store.Install(bytes, out string? error);
            Assert.Null(error);
            Assert.NotNull(installed);
            string hash = installed.PackageId.Split(':')[1];
            Assert.True(File.Exists(Path.Combine(directory, $"basic_1.0.{hash}.tar.gz")));

            Assert.Null(store.Install(bytes, out error));
            Assert.Equal($"chaincode already successfully installed (package ID '{installed.PackageId}')", error);

            var reopened = new InstalledChaincodes(directory);
            Assert.Equal(bytes, reopened.Load(installed.PackageId));
            Assert.Equal(installed.PackageId, Assert.Single(reopened.List()).PackageId);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
