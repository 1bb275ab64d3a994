using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Genesis;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Testing;

namespace Fabricish.Orderer.Tests;

/// <summary>
/// The sample network's TwoOrgsChannel (samples/network/channel.yaml) on fresh CAs: an orderer, Org1's client, admin
/// and peer, Org2's admin, the channel's genesis block and its parsed configuration.
/// </summary>
internal sealed class TestNetwork : IDisposable
{
    public const string ChannelId = "mychannel";

    private readonly List<IDisposable> _owned = [];
    private readonly SampleChannel _sample;

    public TestNetwork(Func<ChannelProfile, ChannelProfile>? adjust = null)
    {
        _sample = Own(new SampleChannel(ChannelId, adjust));
        Orderer = Own(OrdererOrg.Identity("orderer0.example.com", NodeRole.Orderer));
        Org1Client = Own(Org1.Identity("User1@org1.example.com", NodeRole.Client));
        Org1Admin = Own(Org1.Identity("Admin@org1.example.com", NodeRole.Admin));
        Org1Peer = Own(Org1.Identity("peer0.org1.example.com", NodeRole.Peer));
        Org2Admin = Own(Org2.Identity("Admin@org2.example.com", NodeRole.Admin));
    }

    public TestOrg OrdererOrg => _sample.OrdererOrg;

    public TestOrg Org1 => _sample.Org1;

    public TestOrg Org2 => _sample.Org2;

    public SigningIdentity Orderer { get; }

    public SigningIdentity Org1Client { get; }

    public SigningIdentity Org1Admin { get; }

    public SigningIdentity Org1Peer { get; }

    public SigningIdentity Org2Admin { get; }

    public ConfigGroup ChannelGroup => _sample.ChannelGroup;

    public Block Genesis => _sample.Genesis;

    public ChannelConfig Config => _sample.Config;

    public static ChannelProfile WithBatchSize(ChannelProfile profile, BatchSizeSpec batchSize) =>
        profile with { Orderer = profile.Orderer! with { BatchSize = batchSize } };

    /// <summary>The Application group of <paramref name="org"/> as configtxgen would write it for this channel:
    /// Org2's definition (policies, mod_policies, version 0) with <paramref name="org"/>'s MSP and MSP ID.</summary>
    public ConfigGroup NewApplicationOrg(TestOrg org)
    {
        OrganizationSpec template = _sample.Profile.Application!.Organizations.Single(o => o.Id == "Org2MSP");
        OrganizationSpec spec = template with
        {
            Name = org.MspId,
            Id = org.MspId,
            Policies = template.Policies.ToDictionary(p => p.Key, p => p.Value with { Rule = p.Value.Rule.Replace("Org2MSP", org.MspId, StringComparison.Ordinal) }),
            AnchorPeers = [],
        };
        ChannelProfile withOrg = _sample.Profile with { Application = _sample.Profile.Application with { Organizations = [.. _sample.Profile.Application.Organizations, spec] } };
        ConfigResult<ConfigGroup> group = ChannelGroupBuilder.Build(
            withOrg, o => o.Id == org.MspId ? ConfigResult<Protos.Msp.MSPConfig>.Ok(org.MspConfig()) : _sample.MspFor(o));
        Assert.True(group.IsOk, group.Error);
        return group.Value!.Groups["Application"].Groups[org.MspId];
    }

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
}
