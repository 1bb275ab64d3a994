using Fabricish.Peer.Tests.Committing.Support;

namespace Fabricish.Peer.Tests.Committing;

/// <summary>The peer authenticates to its CouchDB as Fabric's couchDBConfig username/password say, and credentials the
/// server refuses stop it at start instead of leaving it waiting for a state database it can never use.</summary>
public sealed class CouchDbCredentialsTests(PeerNetworkFixture shared) : IClassFixture<PeerNetworkFixture>
{
    [Fact]
    public async Task A_peer_with_a_wrong_CouchDB_password_fails_to_start_naming_CouchDB_authentication_and_the_setting()
    {
        string directory = Path.Combine(shared.Scratch, "peer-" + Guid.NewGuid().ToString("N")[..8]);
        await using var peer = new TestPeerHost(directory, shared.Network.Org1, shared.Network.Org1Peer, shared.CouchDbA, "127.0.0.1:1",
            new Dictionary<string, string> { ["Peer:CouchDbPassword"] = "not-the-password" });

        Exception refused = await Assert.ThrowsAnyAsync<Exception>(() => peer.StartAsync().WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.IsNotType<TimeoutException>(refused);
        Assert.Contains("CouchDB authentication failed", refused.Message, StringComparison.Ordinal);
        Assert.Contains(shared.CouchDbA.BaseAddress.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Contains("Peer:CouchDbPassword", refused.Message, StringComparison.Ordinal);
    }

}
