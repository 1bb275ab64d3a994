using Fabricish.Channels.Config;
using Fabricish.Channels.Genesis;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Cli.Tests.Channel;

/// <summary>The sample network's crypto material plus an Org3 that is on no channel yet, generated once with
/// <c>fabricish crypto generate</c>, and the genesis block of <see cref="ChannelId"/> (TwoOrgsChannel).</summary>
public sealed class ChannelNetworkFixture : IAsyncLifetime
{
    public const string ChannelId = "mychannel";

    private const string Org3 = """

          - Name: Org3
            Domain: org3.example.com
            EnableNodeOUs: true
            Template:
              Count: 1
            Users:
              Count: 1
        """;

    public string Dir { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "fx-cli-channel-" + Guid.NewGuid().ToString("N"))).FullName;

    public string Crypto => Path.Combine(Dir, "crypto");

    public string GenesisFile => Path.Combine(Dir, "genesis.block");

    public Block Genesis { get; private set; } = null!;

    public SigningIdentity Orderer { get; private set; } = null!;

    public string AdminMsp(int org) => Path.Combine(Crypto, "peerOrganizations", $"org{org}.example.com", "users", $"Admin@org{org}.example.com", "msp");

    public string UserMsp(int org) => Path.Combine(Crypto, "peerOrganizations", $"org{org}.example.com", "users", $"User1@org{org}.example.com", "msp");

    public string OrgMsp(int org) => Path.Combine(Crypto, "peerOrganizations", $"org{org}.example.com", "msp");

    /// <summary>A path for a test's own file.</summary>
    public string PathFor(string name) => Path.Combine(Dir, Guid.NewGuid().ToString("N")[..8] + "-" + name);

    public async Task InitializeAsync()
    {
        string yaml = Path.Combine(Dir, "crypto.yaml");
        await File.WriteAllTextAsync(yaml, await File.ReadAllTextAsync(SampleNetworkFixture.CryptoYaml) + Org3 + "\n");
        CliRun.Outcome generated = await CliRun.RunAsync("crypto", "generate", "--config", yaml, "--output", Crypto);
        if (generated.ExitCode != 0)
        {
            throw new InvalidOperationException($"crypto generate failed ({generated.ExitCode}): {generated.Stderr}");
        }

        ConfigResult<Block> genesis = GenesisFromProfile.Build(SampleNetworkFixture.ChannelYaml, "TwoOrgsChannel", ChannelId, Crypto);
        Genesis = genesis.Value ?? throw new InvalidOperationException(genesis.Error);
        await File.WriteAllBytesAsync(GenesisFile, Genesis.ToByteArray());
        Orderer = MspDirectory.LoadSigningIdentity(
            Path.Combine(Crypto, "ordererOrganizations", "example.com", "orderers", "orderer0.example.com", "msp"), "OrdererMSP");
    }

    public Task DisposeAsync()
    {
        Orderer?.Dispose();
        Directory.Delete(Dir, recursive: true);
        return Task.CompletedTask;
    }

    internal Task<StubOrderer> StartOrdererAsync() => StubOrderer.StartAsync(Genesis.Clone(), Orderer);
}
