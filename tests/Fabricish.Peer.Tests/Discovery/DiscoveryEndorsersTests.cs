using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Peer.Discovery;
using Fabricish.Peer.Gateway;
using Fabricish.Protos.Discovery;
using Fabricish.Protos.Gossip;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Google.Protobuf;
using DiscoveredPeer = Fabricish.Protos.Discovery.Peer;

namespace Fabricish.Peer.Tests.Discovery;

/// <summary>The endorsers query's descriptor over the live peers of the sample channel: groups per organisation,
/// only the layouts live peers running the chaincode can fill, and Fabric's messages when none can.</summary>
public sealed class DiscoveryEndorsersTests : IDisposable
{
    private readonly SampleChannel _sample = new("mychannel");
    private readonly SigningIdentity _org1Peer;
    private readonly SigningIdentity _org2Peer;

    public DiscoveryEndorsersTests()
    {
        _org1Peer = _sample.Org1.Identity("peer0.org1.example.com", NodeRole.Peer);
        _org2Peer = _sample.Org2.Identity("peer0.org2.example.com", NodeRole.Peer);
    }

    public void Dispose()
    {
        _org1Peer.Dispose();
        _org2Peer.Dispose();
        _sample.Dispose();
    }

    [Fact]
    public async Task An_OR_policy_with_org2s_peer_gone_keeps_only_the_org1_layout()
    {
        (EndorsementDescriptor? descriptor, string? error) = await DescribeAsync(OutOf(1), Peer(_org1Peer, "basic"));

        Assert.Null(error);
        Assert.Equal("basic", descriptor!.Chaincode);
        Layout layout = Assert.Single(descriptor.Layouts);
        Assert.Equal(1u, layout.QuantitiesByGroup["G0"]);
        Assert.Equal("Org1MSP", Fabricish.Protos.Msp.SerializedIdentity.Parser.ParseFrom(Assert.Single(descriptor.EndorsersByGroups["G0"].Peers_).Identity).Mspid);
    }

    [Fact]
    public async Task An_AND_policy_needs_a_group_per_organisation_and_one_peer_of_each()
    {
        (EndorsementDescriptor? descriptor, _) = await DescribeAsync(OutOf(2), Peer(_org1Peer, "basic"), Peer(_org2Peer, "basic"));

        Layout layout = Assert.Single(descriptor!.Layouts);
        Assert.Equal(new Dictionary<string, uint> { ["G0"] = 1, ["G1"] = 1 }, layout.QuantitiesByGroup);
        Assert.Equal(["G0", "G1"], descriptor.EndorsersByGroups.Keys.Order());
    }

    [Fact]
    public async Task Fabrics_messages_when_live_peers_are_missing_or_do_not_run_the_chaincode()
    {
        (_, string? missing) = await DescribeAsync(OutOf(2), Peer(_org1Peer, "basic"));
        (_, string? notInstalled) = await DescribeAsync(OutOf(2), Peer(_org1Peer, "basic"), Peer(_org2Peer, "other"));

        Assert.Equal("no peer combination can satisfy the endorsement policy", missing);
        Assert.Equal("required chaincodes are not installed on sufficient peers", notInstalled);
    }

    [Fact]
    public async Task A_collection_read_admits_only_peers_of_its_member_organisations()
    {
        var read = new ChaincodeCall { Name = "basic", CollectionNames = { "Org1Only" } };

        (EndorsementDescriptor? any, _) = await DescribeAsync(OutOf(1), read, Peer(_org1Peer, "basic"), Peer(_org2Peer, "basic"));
        (_, string? both) = await DescribeAsync(OutOf(2), read, Peer(_org1Peer, "basic"), Peer(_org2Peer, "basic"));

        Layout layout = Assert.Single(any!.Layouts);
        Assert.Equal("Org1MSP", SerializedIdentity.Parser.ParseFrom(Assert.Single(any.EndorsersByGroups[layout.QuantitiesByGroup.Keys.Single()].Peers_).Identity).Mspid);
        Assert.Equal("no peer combination can satisfy the endorsement policy", both);
    }

    [Fact]
    public async Task A_collection_only_written_does_not_filter_peers_and_an_unknown_collection_read_is_fabrics_error()
    {
        (EndorsementDescriptor? written, _) = await DescribeAsync(
            OutOf(2), new ChaincodeCall { Name = "basic", CollectionNames = { "Org1Only" }, NoPrivateReads = true }, Peer(_org1Peer, "basic"), Peer(_org2Peer, "basic"));
        (_, string? unknown) = await DescribeAsync(
            OutOf(1), new ChaincodeCall { Name = "basic", CollectionNames = { "Nowhere" } }, Peer(_org1Peer, "basic"));

        Assert.Equal(new Dictionary<string, uint> { ["G0"] = 1, ["G1"] = 1 }, Assert.Single(written!.Layouts).QuantitiesByGroup);
        Assert.Equal("collection Nowhere doesn't exist in collection config for chaincode basic", unknown);
    }

    [Fact]
    public async Task Key_policies_replace_a_disregarded_chaincode_policy_and_without_them_disregarding_is_fabrics_error()
    {
        var guarded = new ChaincodeCall { Name = "basic", KeyPolicies = { Only("Org2MSP") }, DisregardNamespacePolicy = true };

        (EndorsementDescriptor? descriptor, _) = await DescribeAsync(OutOf(1), guarded, Peer(_org1Peer, "basic"), Peer(_org2Peer, "basic"));
        (_, string? bare) = await DescribeAsync(OutOf(1), new ChaincodeCall { Name = "basic", DisregardNamespacePolicy = true }, Peer(_org1Peer, "basic"));

        Layout layout = Assert.Single(descriptor!.Layouts);
        Assert.Equal("Org2MSP", SerializedIdentity.Parser.ParseFrom(Assert.Single(descriptor.EndorsersByGroups[layout.QuantitiesByGroup.Keys.Single()].Peers_).Identity).Mspid);
        Assert.Equal(
            "requested to disregard chaincode basic's policy but key and collection policies are missing, either disable DisregardNamespacePolicy or specify at least one key policy or at least one collection policy",
            bare);
    }

    private static SignaturePolicyEnvelope Only(string mspId)
    {
        var envelope = new SignaturePolicyEnvelope { Rule = new SignaturePolicy { SignedBy = 0 } };
        envelope.Identities.Add(new MSPPrincipal
        {
            PrincipalClassification = MSPPrincipal.Types.Classification.Role,
            Principal = new MSPRole { MspIdentifier = mspId, Role = MSPRole.Types.MSPRoleType.Peer }.ToByteString(),
        });
        return envelope;
    }

    /// <summary><paramref name="n"/> of Org1MSP.peer and Org2MSP.peer (OR with 1, AND with 2).</summary>
    private static SignaturePolicyEnvelope OutOf(int n)
    {
        var envelope = new SignaturePolicyEnvelope { Rule = new SignaturePolicy { NOutOf = new SignaturePolicy.Types.NOutOf { N = n } } };
        foreach ((string mspId, int index) in new[] { ("Org1MSP", 0), ("Org2MSP", 1) })
        {
            envelope.Identities.Add(new MSPPrincipal
            {
                PrincipalClassification = MSPPrincipal.Types.Classification.Role,
                Principal = new MSPRole { MspIdentifier = mspId, Role = MSPRole.Types.MSPRoleType.Peer }.ToByteString(),
            });
            envelope.Rule.NOutOf.Rules.Add(new SignaturePolicy { SignedBy = index });
        }

        return envelope;
    }

    private Task<(EndorsementDescriptor?, string?)> DescribeAsync(SignaturePolicyEnvelope policy, params ChannelPeer[] peers) =>
        DescribeAsync(policy, new ChaincodeCall { Name = "basic" }, peers);

    /// <summary>The chaincode "basic" has the collection Org1Only (Org1's members).</summary>
    private async Task<(EndorsementDescriptor?, string?)> DescribeAsync(SignaturePolicyEnvelope policy, ChaincodeCall call, params ChannelPeer[] peers)
    {
        var lookup = new FixedPolicy(new ApplicationPolicy { SignaturePolicy = policy });
        var interest = new ChaincodeInterest { Chaincodes = { call } };
        var collections = new Gateway.Support.TestGatewayCollections().Add("basic", "Org1Only", "OR('Org1MSP.member')");
        return await new DiscoveryEndorsers(lookup, collections).DescribeAsync(interest, _sample.Config, peers, CancellationToken.None);
    }

    private static ChannelPeer Peer(SigningIdentity identity, string chaincode)
    {
        ByteString serialized = ByteString.CopyFrom(identity.Serialize());
        ByteString pkiId = PeerMessages.PkiId(serialized);
        var time = new PeerTime { IncNum = 1, SeqNum = 1 };
        var peer = new DiscoveredPeer
        {
            Identity = serialized,
            MembershipInfo = PeerMessages.Sign(PeerMessages.Alive("127.0.0.1:7051", pkiId, serialized, time), p => identity.Sign(p)),
            StateInfo = PeerMessages.Sign(PeerMessages.StateInfo("mychannel", pkiId, time, 5, [new Protos.Gossip.Chaincode { Name = chaincode, Version = "1.0" }]), p => identity.Sign(p)),
        };
        return ChannelPeer.Of(identity.MspId, peer);
    }

    private sealed class FixedPolicy(ApplicationPolicy policy) : IEndorsementPolicyLookup
    {
        public ValueTask<ApplicationPolicy?> GetEndorsementPolicyAsync(string channelId, string chaincodeName, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<ApplicationPolicy?>(policy);
    }
}
