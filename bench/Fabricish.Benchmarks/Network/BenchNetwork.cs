using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Genesis;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Testing;

namespace Fabricish.Benchmarks.Network;

/// <summary>
/// The sample network's TwoOrgsChannel (samples/network/channel.yaml) on fresh in-memory CAs: an orderer, Org1's client
/// and peer, Org2's peer, the channel's genesis block and its parsed configuration.
/// </summary>
public sealed class BenchNetwork : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    /// <param name="adjust">Changes the profile before the genesis block is built (batch size, timeout).</param>
    public BenchNetwork(string channelId, Func<ChannelProfile, ChannelProfile>? adjust = null)
    {
        ChannelId = channelId;
        OrdererOrg = Own(new TestOrg("OrdererMSP", "example.com"));
        Org1 = Own(new TestOrg("Org1MSP", "org1.example.com"));
        Org2 = Own(new TestOrg("Org2MSP", "org2.example.com"));
        Orderer = Own(OrdererOrg.Identity("orderer0.example.com", NodeRole.Orderer));
        Org1Client = Own(Org1.Identity("User1@org1.example.com", NodeRole.Client));
        Org1Peer = Own(Org1.Identity("peer0.org1.example.com", NodeRole.Peer));
        Org2Peer = Own(Org2.Identity("peer0.org2.example.com", NodeRole.Peer));

        string yaml = Path.Combine(RepoPaths.Root, "samples", "network", "channel.yaml");
        ChannelProfile profile = Require(ChannelProfileLoader.LoadFile(yaml, "TwoOrgsChannel", "/crypto"));
        Profile = adjust is null ? profile : adjust(profile);
        ChannelGroup = Require(ChannelGroupBuilder.Build(Profile, MspFor));
        Genesis = Require(GenesisBlockBuilder.Build(channelId, ChannelGroup));
        Config = Require(ChannelConfig.FromBlock(Genesis));
    }

    public string ChannelId { get; }

    public ChannelProfile Profile { get; }

    public TestOrg OrdererOrg { get; }

    public TestOrg Org1 { get; }

    public TestOrg Org2 { get; }

    public SigningIdentity Orderer { get; }

    public SigningIdentity Org1Client { get; }

    public SigningIdentity Org1Peer { get; }

    public SigningIdentity Org2Peer { get; }

    public ConfigGroup ChannelGroup { get; }

    public Block Genesis { get; }

    public ChannelConfig Config { get; }

    public T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    private static T Require<T>(ConfigResult<T> result)
        where T : class =>
        result.Value ?? throw new InvalidOperationException(result.Error);

    private ConfigResult<MSPConfig> MspFor(OrganizationSpec org) => org.Id switch
    {
        "OrdererMSP" => ConfigResult<MSPConfig>.Ok(OrdererOrg.MspConfig()),
        "Org1MSP" => ConfigResult<MSPConfig>.Ok(Org1.MspConfig()),
        "Org2MSP" => ConfigResult<MSPConfig>.Ok(Org2.MspConfig()),
        _ => ConfigResult<MSPConfig>.Fail($"no bench MSP for {org.Id}"),
    };
}
