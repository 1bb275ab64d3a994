using System.Security.Cryptography;
using System.Text;
using Fabricish.E2E.Tests.Network;
using Fabricish.Protos.Peer;

namespace Fabricish.E2E.Tests;

/// <summary>
/// Private data collections on real processes with three orgs (issue 20's done-when): a collection of Org1 and Org2
/// is read by both while Org3's peer holds only the hash; a private write set tampered with on its way to a member is
/// refused and pulled again from another member; a member peer that was down during endorsement commits without the
/// data, records it missing and gets it by reconciliation; blockToLive purges value and hash at block b+N+1 on CouchDB
/// and embedded state alike. Secrets are endorsed by Org1's peer alone, which tampers with every set it pushes
/// (<see cref="PrivateDataNetworkFixture"/>).
/// </summary>
[Collection(PrivateDataNetworkCollection.Name)]
public sealed class PrivateDataTests(PrivateDataNetworkFixture network)
{
    private const string NotAvailable = "private data matching public hash version is not available";

    [Fact]
    public async Task Org1_and_org2_read_a_shared_secret_org3_holds_only_its_hash_and_a_tampered_push_is_refused()
    {
        string id = NewId();
        string secret = "price " + id;
        (string txId, _) = await network.CreateSecretAsync(PrivateDataNetworkFixture.Shared, id, secret, [.. network.Peers]);

        Assert.Equal(secret, await ReadAsync(network.Org1Peer, PrivateDataNetworkFixture.Shared, id));
        Assert.Equal(secret, await ReadAsync(network.Org2Peer, PrivateDataNetworkFixture.Shared, id));
        ProposalResponse org3Read = await network.EvaluateAsync(network.Org3Peer, "ReadSecret", PrivateDataNetworkFixture.Shared, id);
        Assert.True(org3Read.Response.Status != 200 && org3Read.Response.Message.Contains(NotAvailable, StringComparison.Ordinal), org3Read.Response.ToString());
        Assert.Equal(Sha256(secret), await ReadAsync(network.Org3Peer, PrivateDataNetworkFixture.Shared, id, "SecretHash"));

        // Org2 got the set from Org1's push altered, refused it at commit and pulled the right one from Org1.
        Assert.Contains($"private data of transaction {txId} in block", network.Log(network.Org2Peer), StringComparison.Ordinal);
        Assert.Contains("does not match the hash in the block; refused, pulling it from other member peers", network.Log(network.Org2Peer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_definition_that_makes_org3_a_member_of_a_collection_lets_its_peer_reconcile_the_data_written_before()
    {
        string id = NewId();
        string secret = "before org3 joined " + id;
        (string txId, ulong block) = await network.CreateSecretAsync(PrivateDataNetworkFixture.Later, id, secret, [.. network.Peers]);
        ProposalResponse before = await network.EvaluateAsync(network.Org3Peer, "ReadSecret", PrivateDataNetworkFixture.Later, id);
        Assert.True(before.Response.Status != 200 && before.Response.Message.Contains(NotAvailable, StringComparison.Ordinal), before.Response.ToString());

        // Fabric's ineligible missing data: Org3's peer kept a record of the set it was not given, and the definition
        // that adds Org3 to the collection turns it into missing data its reconciler fetches from Org1 or Org2.
        await network.AddOrg3ToLaterAsync();
        Assert.Equal(secret, await ReadOnceReconciledAsync(network.Org3Peer, PrivateDataNetworkFixture.Later, id));
        Assert.Contains($"reconciled private data: block {block}, transaction {txId}", network.Log(network.Org3Peer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_peer_down_during_endorsement_records_the_data_missing_and_gets_it_by_reconciliation()
    {
        string id = NewId();
        string secret = "late " + id;
        await network.StopAsync(network.Org2Peer);
        (string txId, ulong block) = await network.CreateSecretAsync(PrivateDataNetworkFixture.Shared, id, secret, network.Org1Peer, network.Org3Peer);

        // Org1, the only other member, is away too while Org2 catches up: Org2 commits the block without the data.
        await network.StopAsync(network.Org1Peer);
        await network.StartAsync(network.Org2Peer);
        await CommitWatcher.WaitForAsync(network.Org2Peer, network.Org1User, txId);
        Assert.Contains(
            $"private data missing on this member peer: block {block}, transaction {txId}, namespace {PrivateDataNetworkFixture.Chaincode}, collection {PrivateDataNetworkFixture.Shared}",
            network.Log(network.Org2Peer), StringComparison.Ordinal);
        ProposalResponse before = await network.EvaluateAsync(network.Org2Peer, "ReadSecret", PrivateDataNetworkFixture.Shared, id);
        Assert.True(before.Response.Status != 200 && before.Response.Message.Contains(NotAvailable, StringComparison.Ordinal), before.Response.ToString());

        await network.StartAsync(network.Org1Peer);
        Assert.Equal(secret, await ReadOnceReconciledAsync(network.Org2Peer, PrivateDataNetworkFixture.Shared, id));
        Assert.Contains($"reconciled private data: block {block}, transaction {txId}", network.Log(network.Org2Peer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_with_blockToLive_2_written_at_block_b_is_readable_through_b_plus_2_and_purged_with_its_hash_at_b_plus_3()
    {
        string id = NewId();
        string secret = "brief " + id;
        (_, ulong block) = await network.CreateSecretAsync(PrivateDataNetworkFixture.ShortLived, id, secret, [.. network.Peers]);
        ulong last = block;
        while (last < block + PrivateDataNetworkFixture.BlockToLive)
        {
            (_, last) = await network.CreateSecretAsync(PrivateDataNetworkFixture.Shared, NewId(), "filler", [.. network.Peers]);
        }

        Assert.Equal(block + PrivateDataNetworkFixture.BlockToLive, last);
        Assert.Equal(secret, await ReadAsync(network.Org1Peer, PrivateDataNetworkFixture.ShortLived, id));
        Assert.Equal(secret, await ReadAsync(network.Org2Peer, PrivateDataNetworkFixture.ShortLived, id));
        Assert.Equal(Sha256(secret), await ReadAsync(network.Org3Peer, PrivateDataNetworkFixture.ShortLived, id, "SecretHash"));

        (_, last) = await network.CreateSecretAsync(PrivateDataNetworkFixture.Shared, NewId(), "filler", [.. network.Peers]);

        Assert.Equal(block + PrivateDataNetworkFixture.BlockToLive + 1, last);
        foreach (PeerNode peer in network.Peers)
        {
            ProposalResponse read = await network.EvaluateAsync(peer, peer == network.Org3Peer ? "SecretHash" : "ReadSecret", PrivateDataNetworkFixture.ShortLived, id);
            Assert.True(read.Response.Status != 200 && read.Response.Message.Contains("does not exist", StringComparison.Ordinal), $"{peer.MspId}: {read.Response}");
        }

        Assert.Contains($"whose blockToLive ran out at block {last}", network.Log(network.Org2Peer), StringComparison.Ordinal);
    }

    private async Task<string> ReadAsync(PeerNode peer, string collection, string id, string function = "ReadSecret")
    {
        ProposalResponse response = await network.EvaluateAsync(peer, function, collection, id);
        Assert.True(response.Response.Status == 200, $"{function} {collection}/{id} at {peer.MspId}: {response.Response}\n{peer.LogTail()}");
        return response.Response.Payload.ToStringUtf8();
    }

    /// <summary>Reads the secret every half second until the peer's reconciler has fetched it (60 s at most).</summary>
    private async Task<string> ReadOnceReconciledAsync(PeerNode peer, string collection, string id)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        ProposalResponse after;
        do
        {
            await Task.Delay(500);
            after = await network.EvaluateAsync(peer, "ReadSecret", collection, id);
        }
        while (after.Response.Status != 200 && DateTime.UtcNow < deadline);

        Assert.True(after.Response.Status == 200, $"{after.Response}\n{peer.LogTail()}");
        return after.Response.Payload.ToStringUtf8();
    }

    private static string NewId() => "secret-" + Guid.NewGuid().ToString("N")[..12];

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
