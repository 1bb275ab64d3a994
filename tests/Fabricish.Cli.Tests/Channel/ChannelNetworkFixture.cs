using Fabricish.Channels.Config;
using Fabricish.Channels.Genesis;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Testing;
using Google.Protobuf;

namespace Fabricish.Cli.Tests.Channel;

/// <summary>The sample network's crypto material plus an Org3 that is on no channel yet, generated once with
/// <c>fabricish crypto generate</c>, and the genesis block of <see cref="ChannelId"/> (TwoOrgsChannel).</summary>
public sealed class ChannelNetworkFixture() : SampleCryptoFixture(3)
{
    public const string ChannelId = "mychannel";

    public string GenesisFile => Path.Combine(Dir, "genesis.block");

    public Block Genesis { get; private set; } = null!;

    public SigningIdentity Orderer { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ConfigResult<Block> genesis = GenesisFromProfile.Build(SampleCrypto.ChannelYaml, "TwoOrgsChannel", ChannelId, Crypto);
        Genesis = genesis.Value ?? throw new InvalidOperationException(genesis.Error);
        await File.WriteAllBytesAsync(GenesisFile, Genesis.ToByteArray());
        Orderer = MspDirectory.LoadSigningIdentity(SampleCrypto.OrdererMsp(Crypto), "OrdererMSP");
    }

    public override Task DisposeAsync()
    {
        Orderer?.Dispose();
        return base.DisposeAsync();
    }

    internal Task<StubOrderer> StartOrdererAsync() => StubOrderer.StartAsync(Genesis.Clone(), Orderer);
}
