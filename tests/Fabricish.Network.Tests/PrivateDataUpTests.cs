using Fabricish.Network.Tests.Up;

namespace Fabricish.Network.Tests;

/// <summary>Private data collections on real processes: <c>./fabricish demo privatedata</c> deploys samples/privatedata
/// through the lifecycle with its collections config (Org1Secrets of Org1 only, SharedSecrets of Org1 and Org2),
/// stores secrets passed in the transient map and reads them through each org's peer, then guards an asset with a
/// key-level endorsement policy (GuardedAssets), which Org1's gateway then plans Org2's endorsement for by itself; it
/// exits non-zero when any step misbehaves.</summary>
[Collection(UpNetworkCollection.Name)]
public sealed class PrivateDataUpTests(UpNetworkFixture network)
{
    [Fact]
    public async Task A_key_whose_policy_needs_Org2_is_refused_when_only_Org1_endorses_and_accepted_when_Org2_does()
    {
        string output = await network.RunDemoAsync("privatedata");

        Assert.Contains("An update endorsed by Org1 only is invalidated", output, StringComparison.Ordinal);
        Assert.Contains("refused as expected: validation code: ENDORSEMENT_POLICY_FAILURE", output, StringComparison.Ordinal);
        Assert.Contains("An update endorsed by Org2 only is valid", output, StringComparison.Ordinal);
        Assert.Contains("by-both (endorsed by Org2MSP)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_whose_policy_needs_Org2_is_updated_through_Org1s_gateway_without_endorsing_organizations_and_is_valid()
    {
        string output = await network.RunDemoAsync("privatedata");

        Assert.Contains("invokes GuardedAssets:Update, endorsed by the organizations the gateway plans", output, StringComparison.Ordinal);
        int planned = output.IndexOf("the gateway plans Org2's endorsement from the key's policy", StringComparison.Ordinal);
        Assert.True(planned >= 0, output);
        Assert.Contains("validation code: VALID", output[planned..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_peer_reads_a_secret_a_non_member_peer_holds_only_its_hash_and_refuses_with_fabrics_message()
    {
        string output = await network.RunDemoAsync("privatedata");

        Assert.Contains("ReadSecret through peer0.org1", output, StringComparison.Ordinal);
        Assert.Contains("refused as expected: private data matching public hash version is not available. Public hash version = {BlockNum: ", output, StringComparison.Ordinal);
        Assert.Contains("Private data version = <nil>", output, StringComparison.Ordinal);
        Assert.Contains("ReadSecret through peer0.org2", output, StringComparison.Ordinal);
        Assert.Contains("GuardedAssets:Read through peer0.org1", output, StringComparison.Ordinal);
    }
}
