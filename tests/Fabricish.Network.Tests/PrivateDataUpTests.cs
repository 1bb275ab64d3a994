using Fabricish.Network.Tests.Up;

namespace Fabricish.Network.Tests;

/// <summary>Private data collections on real processes: <c>./fabricish demo privatedata</c> deploys samples/privatedata
/// through the lifecycle with its collections config (Org1Secrets of Org1 only, SharedSecrets of Org1 and Org2),
/// stores secrets passed in the transient map and reads them through each org's peer; it exits non-zero when any
/// step misbehaves.</summary>
[Collection(UpNetworkCollection.Name)]
public sealed class PrivateDataUpTests(UpNetworkFixture network)
{
    [Fact]
    public async Task A_member_peer_reads_a_secret_a_non_member_peer_holds_only_its_hash_and_refuses_with_fabrics_message()
    {
        string output = await network.RunDemoAsync("privatedata");

        Assert.Contains("ReadSecret through peer0.org1", output, StringComparison.Ordinal);
        Assert.Contains("refused as expected: private data matching public hash version is not available. Public hash version = {BlockNum: ", output, StringComparison.Ordinal);
        Assert.Contains("Private data version = <nil>", output, StringComparison.Ordinal);
        Assert.Contains("ReadSecret through peer0.org2", output, StringComparison.Ordinal);
    }
}
