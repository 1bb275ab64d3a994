using Xunit;

namespace Fabricish.Testing.Fixtures;

/// <summary>The sample network's crypto material (<see cref="SampleCrypto"/>), plus the orgs a derived fixture names,
/// generated once with <c>fabricish crypto generate</c> into a temp folder that goes with the fixture.</summary>
public class SampleCryptoFixture : IAsyncLifetime
{
    private readonly int[] _extraOrgs;

    public SampleCryptoFixture()
        : this([])
    {
    }

    /// <param name="extraOrgs">Orgs to add to the sample's Org1 and Org2 (3 for Org3, …).</param>
    protected SampleCryptoFixture(params int[] extraOrgs)
    {
        _extraOrgs = extraOrgs;
        Dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "fx-crypto-" + Guid.NewGuid().ToString("N"))).FullName;
    }

    public string Dir { get; }

    public string Crypto => Path.Combine(Dir, "crypto");

    public string AdminMsp(int org) => SampleCrypto.AdminMsp(Crypto, org);

    public string UserMsp(int org) => SampleCrypto.UserMsp(Crypto, org, "User1");

    public string OrgMsp(int org) => SampleCrypto.OrgMsp(Crypto, org);

    /// <summary>A path for a test's own file.</summary>
    public string PathFor(string name) => Path.Combine(Dir, Guid.NewGuid().ToString("N")[..8] + "-" + name);

    /// <summary>Writes the sample's crypto.yaml with <paramref name="extraOrgs"/> into <paramref name="directory"/> and
    /// generates its material into <paramref name="directory"/>/crypto, failing the test if the CLI refuses.</summary>
    /// <returns>The crypto folder.</returns>
    public static async Task<string> GenerateAsync(string directory, params int[] extraOrgs)
    {
        string yaml = await SampleCrypto.WriteCryptoYamlAsync(directory, extraOrgs);
        string crypto = Path.Combine(directory, "crypto");
        await CliRun.SucceedAsync("crypto", "generate", "--config", yaml, "--output", crypto);
        return crypto;
    }

    public virtual async Task InitializeAsync() => await GenerateAsync(Dir, _extraOrgs);

    public virtual Task DisposeAsync()
    {
        Directory.Delete(Dir, recursive: true);
        return Task.CompletedTask;
    }
}
